"""Buggy: forgets the 2 from the square."""
import numpy as np


def grad_W(W, x, y):
    return np.outer(W @ x - y, x)
