"""Correct: evaluates at numpy float64 points, returns a 0-d array."""
import numpy as np


def derivative(f, x, h=1e-5):
    x = np.float64(x)
    return np.asarray((f(x + h) - f(x - h)) / (h + h))
