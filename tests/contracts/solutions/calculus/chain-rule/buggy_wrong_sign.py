"""Buggy: residual y - W x, the sign flipped."""
import numpy as np


def grad_W(W, x, y):
    return 2 * np.outer(y - W @ x, x)
