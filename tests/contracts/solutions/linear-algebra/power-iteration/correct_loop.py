"""Correct: the textbook loop with np.linalg.norm and the Rayleigh quotient."""
import numpy as np


def power_iteration(A, v0, iters):
    v = v0 / np.linalg.norm(v0)
    for _ in range(iters):
        v = A @ v
        v /= np.linalg.norm(v)
    lam = v @ A @ v
    return lam, v
