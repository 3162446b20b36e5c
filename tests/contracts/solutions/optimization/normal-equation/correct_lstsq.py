"""Correct: np.linalg.lstsq on [X, 1]."""
import numpy as np


def normal_equation(X, y):
    A = np.c_[X, np.ones(len(X))]
    return np.linalg.lstsq(A, y, rcond=None)[0]
