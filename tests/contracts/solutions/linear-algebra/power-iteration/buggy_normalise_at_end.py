"""Buggy: normalises only once, after the loop (overflows on long runs)."""
import numpy as np


def power_iteration(A, v0, iters):
    v = np.asarray(v0, dtype=float)
    for _ in range(iters):
        v = A @ v
    v = v / np.linalg.norm(v)
    return v @ A @ v, v
