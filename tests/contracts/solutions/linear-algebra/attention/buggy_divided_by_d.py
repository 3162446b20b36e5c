"""Buggy: divides the scores by d_k instead of sqrt(d_k)."""
import numpy as np


def attention(Q, K, V):
    scores = Q @ K.T / Q.shape[1]
    scores = scores - scores.max(axis=-1, keepdims=True)
    w = np.exp(scores)
    w = w / w.sum(axis=-1, keepdims=True)
    return w @ V, w
