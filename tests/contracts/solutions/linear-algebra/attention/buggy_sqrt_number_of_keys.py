"""Buggy: scales by the square root of the number of keys, K.shape[0], not of d_k."""
import numpy as np


def attention(Q, K, V):
    s = Q @ K.T / np.sqrt(K.shape[0])
    s = s - s.max(axis=1, keepdims=True)
    w = np.exp(s)
    w /= w.sum(axis=1, keepdims=True)
    return w @ V, w
