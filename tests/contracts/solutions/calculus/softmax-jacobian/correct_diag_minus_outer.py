"""Correct: a stable softmax, then diag(s) - s sᵀ."""
import numpy as np


def softmax_jacobian(z):
    z = np.asarray(z, dtype=float)
    e = np.exp(z - np.max(z))
    s = e / np.sum(e)
    return np.diag(s) - np.outer(s, s)
