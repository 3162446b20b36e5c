"""Correct: scipy's Beta for the mean, the mode by hand, returned as a list."""
import numpy as np
from scipy import stats


def beta_posterior(alpha, beta, flips):
    flips = np.asarray(flips, dtype=float)
    a = alpha + flips.sum()
    b = beta + (1 - flips).sum()
    return [a, b, stats.beta(a, b).mean(), (a - 1) / (a + b - 2)]
