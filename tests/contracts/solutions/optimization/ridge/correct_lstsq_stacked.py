"""Correct: ridge as ordinary least squares on rows augmented with √(n·lam)·I."""
import numpy as np


def ridge(X, y, lam):
    n, d = X.shape
    A = np.column_stack([X, np.ones(n)])
    extra = np.sqrt(n * lam) * np.eye(d, d + 1)
    A_big = np.vstack([A, extra])
    y_big = np.concatenate([y, np.zeros(d)])
    theta, *_ = np.linalg.lstsq(A_big, y_big, rcond=None)
    return theta
