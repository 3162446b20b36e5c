"""Buggy: seeds and uses the global np.random instead of the given rng."""
import numpy as np


def simulate_heads(n_batches, n_flips, rng):
    np.random.seed(0)
    return np.random.binomial(n_flips, 0.5, size=n_batches)
