"""Buggy: keeps only the tokens whose running total stays at or below p."""
import numpy as np


def top_p_probs(logits, p):
    z = np.asarray(logits, dtype=float)
    probs = np.exp(z - z.max())
    probs /= probs.sum()
    order = np.argsort(-probs)
    cum = np.cumsum(probs[order])
    keep = order[cum <= p]
    if keep.size == 0:
        keep = order[:1]
    out = np.zeros_like(probs)
    out[keep] = probs[keep] / probs[keep].sum()
    return out
