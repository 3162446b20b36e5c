"""Buggy: the mode with the denominator of the mean, (a - 1) / (a + b)."""
import numpy as np


def beta_posterior(alpha, beta, flips):
    h = np.sum(flips)
    a, b = alpha + h, beta + len(flips) - h
    return a, b, a / (a + b), (a - 1) / (a + b)
