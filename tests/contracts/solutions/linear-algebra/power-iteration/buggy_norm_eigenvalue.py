"""Buggy: the eigenvalue as ||A v||, which loses the sign."""
import numpy as np


def power_iteration(A, v0, iters):
    v = v0 / np.linalg.norm(v0)
    for _ in range(iters):
        v = A @ v
        v = v / np.linalg.norm(v)
    return np.linalg.norm(A @ v), v
