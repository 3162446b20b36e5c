"""Buggy: forgets that the data term is a mean (lam instead of n·lam)."""
import numpy as np


def ridge(X, y, lam):
    n, d = X.shape
    A = np.column_stack([X, np.ones(n)])
    P = lam * np.eye(d + 1)
    P[d, d] = 0.0
    return np.linalg.solve(A.T @ A + P, A.T @ y)
