"""Correct: two loops, each entry a sum of a row times a column."""
import numpy as np


def matmul(left, right):
    if left.shape[1] != right.shape[0]:
        raise ValueError("inner dimensions differ")
    out = np.empty((left.shape[0], right.shape[1]), dtype=np.result_type(left, right, float))
    for i in range(left.shape[0]):
        for j in range(right.shape[1]):
            out[i, j] = np.sum(left[i, :] * right[:, j])
    return out
