"""Buggy: forgets the column of ones."""
import numpy as np


def normal_equation(X, y):
    return np.linalg.lstsq(X, y, rcond=None)[0]
