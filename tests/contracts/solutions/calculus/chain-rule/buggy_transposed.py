"""Buggy: x r^T, the transpose (shape (n, m))."""
import numpy as np


def grad_W(W, x, y):
    return 2 * np.outer(x, W @ x - y)
