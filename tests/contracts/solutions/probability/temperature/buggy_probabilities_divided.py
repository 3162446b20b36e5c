"""Buggy: divides the probabilities by T instead of the logits."""
import numpy as np


def softmax_t(z, T):
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True) / T
