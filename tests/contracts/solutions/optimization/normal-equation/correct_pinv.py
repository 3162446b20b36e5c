"""Correct: the pseudo-inverse (np.linalg.pinv is not the forbidden inv)."""
import numpy as np


def normal_equation(X, y):
    A = np.column_stack([X, np.ones(len(y))])
    return np.linalg.pinv(A) @ y
