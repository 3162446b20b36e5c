"""Buggy: exponentiates the raw scores; overflows for large scores."""
import numpy as np


def attention(Q, K, V):
    w = np.exp(Q @ K.T / np.sqrt(Q.shape[1]))
    w = w / w.sum(axis=1, keepdims=True)
    return w @ V, w
