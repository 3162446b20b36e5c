"""Buggy: np.correlate gives the right numbers but is not allowed."""
import numpy as np


def conv1d(x, w):
    return np.correlate(x, w, mode="valid")
