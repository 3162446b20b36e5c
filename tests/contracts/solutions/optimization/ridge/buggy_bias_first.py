"""Buggy: bias column first, so the bias comes out first."""
import numpy as np


def ridge(X, y, lam):
    n, d = X.shape
    A = np.column_stack([np.ones(n), X])
    P = n * lam * np.eye(d + 1)
    P[0, 0] = 0.0
    return np.linalg.solve(A.T @ A + P, A.T @ y)
