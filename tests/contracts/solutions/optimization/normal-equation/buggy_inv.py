"""Buggy: calls the forbidden np.linalg.inv."""
import numpy as np


def normal_equation(X, y):
    A = np.column_stack([X, np.ones(len(X))])
    return np.linalg.inv(A.T @ A) @ A.T @ y
