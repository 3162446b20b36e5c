"""Buggy: multiplies the logits by T."""
import numpy as np


def softmax_t(z, T):
    s = z * T
    e = np.exp(s - s.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)
