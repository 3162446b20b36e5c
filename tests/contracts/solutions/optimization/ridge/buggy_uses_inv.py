"""Buggy: the right formula through np.linalg.inv, which the contract forbids."""
import numpy as np


def ridge(X, y, lam):
    n, d = X.shape
    A = np.column_stack([X, np.ones(n)])
    P = n * lam * np.eye(d + 1)
    P[d, d] = 0.0
    return np.linalg.inv(A.T @ A + P) @ A.T @ y
