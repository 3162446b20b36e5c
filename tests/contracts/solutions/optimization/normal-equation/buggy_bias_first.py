"""Buggy: puts the bias column first, so the bias comes out first."""
import numpy as np


def normal_equation(X, y):
    A = np.column_stack([np.ones(len(X)), X])
    return np.linalg.lstsq(A, y, rcond=None)[0]
