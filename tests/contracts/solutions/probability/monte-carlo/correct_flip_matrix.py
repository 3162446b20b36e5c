"""Correct: a (trials, n) matrix of uniform draws, heads below p."""
import numpy as np


def estimate_tail(n, k, p, trials, rng):
    flips = rng.random((trials, n)) < p
    heads = flips.sum(axis=1)
    return float(np.count_nonzero(heads >= k) / trials)
