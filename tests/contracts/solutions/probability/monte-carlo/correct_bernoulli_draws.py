"""Correct: Bernoulli flips as binomial draws of size 1, summed per run."""
import numpy as np


def estimate_tail(n, k, p, trials, rng):
    heads = rng.binomial(1, p, size=(trials, n)).sum(axis=1)
    return np.float64((heads >= k).mean())
