"""Buggy: range(len(x) - len(w)) drops the last window."""
import numpy as np


def conv1d(x, w):
    k = len(w)
    return np.array([np.dot(x[i:i + k], w) for i in range(len(x) - k)])
