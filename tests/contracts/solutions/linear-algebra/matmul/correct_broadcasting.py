"""Correct: broadcasting, with the shape check done first."""
import numpy as np


def matmul(A, B):
    A = np.asarray(A, dtype=float)
    B = np.asarray(B, dtype=float)
    if A.shape[1] != B.shape[0]:
        raise ValueError(f"inner dimensions differ: {A.shape[1]} vs {B.shape[0]}")
    return (A[:, :, np.newaxis] * B[np.newaxis, :, :]).sum(axis=1)
