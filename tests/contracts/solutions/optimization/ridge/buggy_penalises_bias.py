"""Buggy: the penalty covers the bias too."""
import numpy as np


def ridge(X, y, lam):
    n, d = X.shape
    A = np.column_stack([X, np.ones(n)])
    return np.linalg.solve(A.T @ A + n * lam * np.eye(d + 1), A.T @ y)
