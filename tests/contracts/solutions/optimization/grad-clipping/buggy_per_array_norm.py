"""Buggy: each array clipped by its own norm."""
import numpy as np


def clip_grad_norm(grads, max_norm):
    clipped = [g * min(1.0, max_norm / (np.linalg.norm(g) + 1e-6)) for g in grads]
    total = np.sqrt(sum(np.sum(g ** 2) for g in grads))
    return clipped, total
