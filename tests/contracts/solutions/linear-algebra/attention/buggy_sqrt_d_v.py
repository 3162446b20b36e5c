"""Buggy: scales by the square root of the value dimension d_v."""
import numpy as np


def attention(Q, K, V):
    scores = Q @ K.T / np.sqrt(V.shape[1])
    scores = scores - scores.max(axis=1, keepdims=True)
    w = np.exp(scores)
    w = w / w.sum(axis=1, keepdims=True)
    return w @ V, w
