"""Buggy: zero-pads to keep the length of x ('same' output)."""
import numpy as np


def conv1d(x, w):
    k = len(w)
    left = (k - 1) // 2
    xp = np.pad(np.asarray(x, dtype=float), (left, k - 1 - left))
    return np.array([np.dot(xp[i:i + k], w) for i in range(len(x))])
