"""Correct: np.einsum, then the bias broadcast over rows."""
import numpy as np


def dense(X, W, b):
    return np.einsum("nd,dk->nk", X, W) + b[np.newaxis, :]
