"""Buggy: softmax without the max shift: nan for logits like 1000."""
import numpy as np


def top_p_probs(logits, p):
    e = np.exp(np.asarray(logits, dtype=float))
    probs = e / e.sum()
    order = np.argsort(-probs)
    before = np.cumsum(probs[order]) - probs[order]
    keep = order[before < p]
    out = np.zeros_like(probs)
    out[keep] = probs[keep] / probs[keep].sum()
    return out
