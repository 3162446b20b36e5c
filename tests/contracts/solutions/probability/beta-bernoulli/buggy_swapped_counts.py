"""Buggy: tails added to alpha, heads to beta."""
import numpy as np


def beta_posterior(alpha, beta, flips):
    flips = np.asarray(flips, dtype=int)
    tails = np.sum(flips == 0)
    heads = np.sum(flips == 1)
    a, b = alpha + tails, beta + heads
    return a, b, a / (a + b), (a - 1) / (a + b - 2)
