"""Buggy: keeps the last k singular values (numpy sorts them largest first)."""
import numpy as np


def low_rank(A, k):
    U, s, Vt = np.linalg.svd(A, full_matrices=False)
    return (U[:, -k:] * s[-k:]) @ Vt[-k:]
