"""Buggy: the running total is set once, outside the loops."""
import numpy as np


def matmul(A, B):
    if A.shape[1] != B.shape[0]:
        raise ValueError("inner dimensions differ")
    C = np.zeros((A.shape[0], B.shape[1]))
    total = 0.0
    for i in range(A.shape[0]):
        for j in range(B.shape[1]):
            for p in range(A.shape[1]):
                total += A[i, p] * B[p, j]
            C[i, j] = total
    return C
