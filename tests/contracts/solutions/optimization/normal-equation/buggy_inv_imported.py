"""Buggy: the forbidden inv, imported from numpy.linalg."""
import numpy as np
from numpy.linalg import inv


def normal_equation(X, y):
    A = np.column_stack([X, np.ones(len(X))])
    return inv(A.T @ A) @ (A.T @ y)
