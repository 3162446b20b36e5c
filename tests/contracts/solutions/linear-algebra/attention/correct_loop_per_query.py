"""Correct: one query at a time, returned as a list."""
import numpy as np


def attention(Q, K, V):
    d_k = Q.shape[1]
    rows = []
    for q in Q:
        s = np.array([np.sum(q * key) for key in K]) / np.sqrt(d_k)
        e = np.exp(s - s.max())
        rows.append(e / e.sum())
    weights = np.array(rows)
    return [weights @ V, weights]
