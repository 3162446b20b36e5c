"""Correct: normalize each vector first, then clip to [-1, 1]."""
import numpy as np


def cosine_similarity(u, v):
    u = np.asarray(u, dtype=float)
    v = np.asarray(v, dtype=float)
    u_hat = u / np.sqrt(np.sum(u ** 2))
    v_hat = v / np.sqrt(np.sum(v ** 2))
    return np.clip(np.sum(u_hat * v_hat), -1.0, 1.0)
