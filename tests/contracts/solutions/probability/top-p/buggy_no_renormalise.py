"""Buggy: the right tokens, but their probabilities are not renormalised."""
import numpy as np


def top_p_probs(logits, p):
    z = np.asarray(logits, dtype=float)
    probs = np.exp(z - z.max())
    probs /= probs.sum()
    order = np.argsort(-probs)
    before = np.cumsum(probs[order]) - probs[order]
    out = np.zeros_like(probs)
    out[order[before < p]] = probs[order[before < p]]
    return out
