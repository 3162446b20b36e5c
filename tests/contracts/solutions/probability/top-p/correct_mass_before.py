"""Correct: keep a token while the mass before it is still below p."""
import numpy as np


def top_p_probs(logits, p):
    z = np.asarray(logits, dtype=float)
    e = np.exp(z - np.max(z))
    probs = e / e.sum()
    order = np.argsort(-probs)
    before = np.cumsum(probs[order]) - probs[order]
    keep = order[before < p]
    out = np.zeros_like(probs)
    out[keep] = probs[keep]
    return out / out.sum()
