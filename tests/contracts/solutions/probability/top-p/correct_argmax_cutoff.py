"""Correct: the first position where the running total reaches p, found with argmax."""
import numpy as np


def top_p_probs(logits, p):
    z = np.asarray(logits, dtype=float)
    probs = np.exp(z - z.max())
    probs = probs / probs.sum()
    order = np.argsort(probs)[::-1]
    cutoff = int(np.argmax(np.cumsum(probs[order]) >= p))
    kept = order[: cutoff + 1]
    result = np.zeros_like(probs)
    result[kept] = probs[kept] / probs[kept].sum()
    return result
