"""Buggy: flips the kernel by hand (a true convolution)."""
import numpy as np


def conv1d(x, w):
    w = np.asarray(w)[::-1]
    k = len(w)
    return np.array([np.sum(x[i:i + k] * w) for i in range(len(x) - k + 1)])
