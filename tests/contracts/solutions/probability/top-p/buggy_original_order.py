"""Buggy: the running total follows the tokens' own order, not most probable first."""
import numpy as np


def top_p_probs(logits, p):
    z = np.asarray(logits, dtype=float)
    probs = np.exp(z - z.max())
    probs /= probs.sum()
    before = np.cumsum(probs) - probs
    out = np.where(before < p, probs, 0.0)
    return out / out.sum()
