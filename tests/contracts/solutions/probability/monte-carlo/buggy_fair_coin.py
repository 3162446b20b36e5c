"""Buggy: flips a fair coin whatever p is."""
import numpy as np


def estimate_tail(n, k, p, trials, rng):
    flips = rng.integers(0, 2, size=(trials, n))
    return float(np.mean(flips.sum(axis=1) >= k))
