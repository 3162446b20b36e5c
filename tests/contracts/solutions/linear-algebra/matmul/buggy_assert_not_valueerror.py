"""Buggy: checks the shapes with assert, which raises AssertionError, not ValueError."""
import numpy as np


def matmul(A, B):
    assert A.shape[1] == B.shape[0], "inner dimensions differ"
    C = np.zeros((A.shape[0], B.shape[1]))
    for i in range(A.shape[0]):
        for j in range(B.shape[1]):
            for p in range(A.shape[1]):
                C[i, j] += A[i, p] * B[p, j]
    return C
