"""Correct: np.einsum (allowed here); it raises ValueError on mismatched shapes."""
import numpy as np


def matmul_fast(A, B):
    return np.einsum("ik,kj->ij", A, B)
