"""Correct: copies first, then scales the copies in place."""
import numpy as np


def clip_grad_norm(grads, max_norm):
    out = [np.array(g, dtype=float, copy=True) for g in grads]
    total = np.sqrt(sum((g * g).sum() for g in out))
    scale = min(1.0, max_norm / (total + 1e-6))
    for g in out:
        g *= scale
    return out, total
