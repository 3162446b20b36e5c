"""Buggy: strictly above the k-th largest, so only k - 1 tokens survive."""
import numpy as np


def top_k_probs(logits, k):
    z = np.asarray(logits, dtype=float)
    mask = z > np.sort(z)[-k]
    if not mask.any():
        mask = z == z.max()
    e = np.where(mask, np.exp(z - z.max()), 0.0)
    return e / e.sum()
