"""Correct: all windows at once, then a matrix-vector product."""
import numpy as np
from numpy.lib.stride_tricks import sliding_window_view


def conv1d(signal, kernel):
    windows = sliding_window_view(np.asarray(signal, dtype=float), len(kernel))
    return windows @ np.asarray(kernel, dtype=float)
