"""Correct: flatten everything into one vector for the norm."""
import numpy as np


def clip_grad_norm(grads, max_norm):
    flat = np.concatenate([np.ravel(g) for g in grads])
    total_norm = np.linalg.norm(flat)
    coef = max_norm / (total_norm + 1e-6)
    if coef < 1:
        return [g * coef for g in grads], total_norm
    return [g.copy() for g in grads], total_norm
