"""Buggy: calls the forbidden np.matmul."""
import numpy as np


def matmul(A, B):
    return np.matmul(A, B)
