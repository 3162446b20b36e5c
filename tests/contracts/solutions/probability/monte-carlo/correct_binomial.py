"""Correct: one binomial count per run, the fraction that reach k."""
import numpy as np


def estimate_tail(n, k, p, trials, rng):
    return np.mean(rng.binomial(n, p, trials) >= k)
