"""Correct: sorted probabilities, searchsorted for the crossing point."""
import numpy as np


def top_p_probs(logits, p):
    z = np.asarray(logits, dtype=float)
    probs = np.exp(z - z.max())
    probs /= probs.sum()
    order = np.argsort(probs)[::-1]
    cum = np.cumsum(probs[order])
    n_keep = min(np.searchsorted(cum, p) + 1, len(z))
    out = np.zeros_like(probs)
    kept = order[:n_keep]
    out[kept] = probs[kept] / probs[kept].sum()
    return out
