"""Buggy: a dot product of residual and x instead of an outer product (needs m == n)."""
import numpy as np


def grad_W(W, x, y):
    r = W @ x - y
    return 2 * np.sum(r * x) * np.ones_like(W)
