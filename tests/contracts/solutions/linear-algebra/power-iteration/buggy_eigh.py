"""Buggy: the exact eigenpair instead of the iteration."""
import numpy as np


def power_iteration(A, v0, iters):
    vals, vecs = np.linalg.eigh(A)
    return vals[-1], vecs[:, -1]
