"""Correct: in-place operations on the argument (not graded; each call gets copies)."""
import numpy as np


def softmax(z):
    z -= z.max(axis=-1, keepdims=True)
    np.exp(z, out=z)
    z /= z.sum(axis=-1, keepdims=True)
    return z
