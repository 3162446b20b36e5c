"""Correct: returns a 0-d array."""
import numpy as np


def dot(a, b):
    return np.array(np.multiply(a, b).sum(), dtype=float)
