"""Correct: solve (A^T A) theta = A^T y."""
import numpy as np


def normal_equation(X, y):
    A = np.hstack([X, np.ones((X.shape[0], 1))]).astype(float)
    return np.linalg.solve(A.T @ A, A.T @ y)
