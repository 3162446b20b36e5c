"""Buggy: the eigenvalue computed from the vector before the last step."""
import numpy as np


def power_iteration(A, v0, iters):
    v = v0 / np.linalg.norm(v0)
    lam = v @ A @ v
    for _ in range(iters):
        lam = v @ A @ v
        v = A @ v
        v = v / np.linalg.norm(v)
    return lam, v
