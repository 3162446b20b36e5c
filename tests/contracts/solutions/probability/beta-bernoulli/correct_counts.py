"""Correct: count heads and tails, update, then the Beta mean and mode."""
import numpy as np


def beta_posterior(alpha, beta, flips):
    heads = int(np.count_nonzero(flips))
    tails = len(flips) - heads
    a, b = alpha + heads, beta + tails
    return a, b, a / (a + b), (a - 1) / (a + b - 2)
