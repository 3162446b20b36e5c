"""Buggy: scales by the largest entry (infinity norm) instead of the length."""
import numpy as np


def power_iteration(A, v0, iters):
    v = v0 / np.max(np.abs(v0))
    for _ in range(iters):
        v = A @ v
        v = v / np.max(np.abs(v))
    return v @ A @ v / (v @ v), v
