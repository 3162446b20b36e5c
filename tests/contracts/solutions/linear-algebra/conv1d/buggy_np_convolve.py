"""Buggy: np.convolve, which flips the kernel (and is not allowed)."""
import numpy as np


def conv1d(x, w):
    return np.convolve(x, w, mode="valid")
