"""Correct: scipy.linalg.solve with assume_a='sym', returned as a list."""
import numpy as np
import scipy.linalg


def ridge(X, y, lam):
    X = np.asarray(X, float)
    n, d = X.shape
    A = np.c_[X, np.ones(n)]
    penalty = np.diag([n * lam] * d + [0.0])
    return list(scipy.linalg.solve(A.T @ A + penalty, A.T @ y, assume_a="sym"))
