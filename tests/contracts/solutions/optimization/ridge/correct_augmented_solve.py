"""Correct: the augmented normal equations with a zero in the bias's corner."""
import numpy as np


def ridge(X, y, lam):
    n, d = X.shape
    A = np.hstack([X, np.ones((n, 1))])
    P = lam * n * np.eye(d + 1)
    P[-1, -1] = 0
    return np.linalg.solve(A.T @ A + P, A.T @ y)
