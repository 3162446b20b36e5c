"""Correct: the textbook triple loop with a shape check."""
import numpy as np


def matmul(A, B):
    n, k = A.shape
    k2, m = B.shape
    if k != k2:
        raise ValueError(f"shapes {A.shape} and {B.shape} are not aligned")
    C = np.zeros((n, m))
    for i in range(n):
        for j in range(m):
            for p in range(k):
                C[i, j] += A[i, p] * B[p, j]
    return C
