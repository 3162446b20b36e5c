"""Buggy: raises the probabilities to the power T instead of 1/T, then renormalizes."""
import numpy as np


def softmax_t(z, T):
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    p = (e / e.sum(axis=-1, keepdims=True)) ** T
    return p / p.sum(axis=-1, keepdims=True)
