"""Buggy: softmax over all logits, the rest zeroed, never renormalised."""
import numpy as np


def top_k_probs(logits, k):
    z = np.asarray(logits, dtype=float)
    p = np.exp(z - z.max())
    p /= p.sum()
    cutoff = np.sort(z)[-k]
    return np.where(z >= cutoff, p, 0.0)
