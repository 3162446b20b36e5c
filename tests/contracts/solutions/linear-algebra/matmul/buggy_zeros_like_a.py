"""Buggy: np.zeros_like(A) gives the result A's shape (n, k) instead of (n, m)."""
import numpy as np


def matmul(A, B):
    if A.shape[1] != B.shape[0]:
        raise ValueError("inner dimensions differ")
    C = np.zeros_like(A, dtype=float)
    for i in range(C.shape[0]):
        for j in range(C.shape[1]):
            C[i, j] = np.sum(A[i, :] * B[:, j])
    return C
