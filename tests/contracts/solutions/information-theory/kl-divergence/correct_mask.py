"""Correct: sum over p > 0 of p log(p / q)."""
import numpy as np


def kl_divergence(p, q):
    m = p > 0
    return np.sum(p[m] * np.log(p[m] / q[m]))
