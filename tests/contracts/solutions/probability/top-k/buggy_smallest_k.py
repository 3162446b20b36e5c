"""Buggy: argsort is ascending, so this keeps the k smallest logits."""
import numpy as np


def top_k_probs(logits, k):
    z = np.asarray(logits, dtype=float)
    top = np.argsort(z)[:k]
    e = np.exp(z[top] - z[top].max())
    out = np.zeros_like(z)
    out[top] = e / e.sum()
    return out
