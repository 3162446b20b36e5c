"""Buggy: forgets to divide the scores by sqrt(d_k)."""
import numpy as np


def attention(Q, K, V):
    scores = Q @ K.T
    scores = scores - scores.max(axis=-1, keepdims=True)
    w = np.exp(scores)
    w = w / w.sum(axis=-1, keepdims=True)
    return w @ V, w
