"""Correct: logits below the k-th largest set to -inf, then a stable softmax."""
import numpy as np


def top_k_probs(logits, k):
    z = np.array(logits, dtype=float)
    kth = np.sort(z)[-k]
    z[z < kth] = -np.inf
    e = np.exp(z - z.max())
    return e / e.sum()
