"""Correct: a helper softmax used row by row."""
import numpy as np


def _softmax_1d(v):
    v = v - v.max()
    e = np.exp(v)
    return e / e.sum()


def softmax_t(z, T):
    z = np.asarray(z, dtype=float) / T
    if z.ndim == 1:
        return _softmax_1d(z)
    out = np.empty_like(z)
    for i in range(z.shape[0]):
        out[i] = _softmax_1d(z[i])
    return out
