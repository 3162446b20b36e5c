"""Correct: the convolution as a banded matrix times x."""
import numpy as np


def conv1d(x, w):
    x = np.asarray(x, dtype=float)
    w = np.asarray(w, dtype=float)
    n, k = len(x), len(w)
    M = np.zeros((n - k + 1, n))
    for i in range(n - k + 1):
        M[i, i:i + k] = w
    return M @ x
