"""Correct: nested lists built with comprehensions, then np.array."""
import numpy as np


def matmul(A, B):
    if len(A[0]) != len(B):
        raise ValueError("cannot multiply: inner dimensions differ")
    cols = list(zip(*B))
    return np.array([[sum(a * b for a, b in zip(row, col)) for col in cols] for row in A],
                    dtype=float)
