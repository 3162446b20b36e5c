"""Buggy: a while loop over the rows."""
import numpy as np


def matmul_fast(A, B):
    if A.shape[1] != B.shape[0]:
        raise ValueError("inner dimensions differ")
    out = np.zeros((A.shape[0], B.shape[1]))
    i = 0
    while i < A.shape[0]:
        out[i] = (A[i][:, None] * B).sum(axis=0)
        i += 1
    return out
