"""Buggy: ignores rng and uses the global np.random state (not reproducible)."""
import numpy as np


def simulate_heads(n_batches, n_flips, rng):
    return np.random.binomial(n_flips, 0.5, size=n_batches)
