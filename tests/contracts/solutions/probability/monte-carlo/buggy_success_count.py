"""Buggy: returns the number of successful runs, not the fraction."""
import numpy as np


def estimate_tail(n, k, p, trials, rng):
    heads = rng.binomial(n, p, size=trials)
    return int(np.sum(heads >= k))
