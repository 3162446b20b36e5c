"""Buggy: a comprehension is a loop, which this exercise forbids."""
import numpy as np


def matmul_fast(A, B):
    if A.shape[1] != B.shape[0]:
        raise ValueError("inner dimensions differ")
    return np.array([(row[:, None] * B).sum(axis=0) for row in A])
