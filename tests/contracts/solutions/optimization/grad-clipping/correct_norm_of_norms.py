"""Correct: the global norm as the norm of the per-array norms (as torch computes it)."""
import numpy as np


def clip_grad_norm(grads, max_norm):
    norms = np.array([np.linalg.norm(np.ravel(g)) for g in grads])
    total = float(np.linalg.norm(norms))
    clip_coef = np.clip(max_norm / (total + 1e-6), None, 1.0)
    return tuple(g * clip_coef for g in grads), np.float64(total)
