"""Correct: broadcasting over a (n, k, m) block, summed over k, explicit check."""
import numpy as np


def matmul_fast(A, B):
    if A.shape[1] != B.shape[0]:
        raise ValueError("inner dimensions differ")
    return np.sum(A[:, :, None] * B[None, :, :], axis=1)
