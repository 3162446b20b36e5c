"""Buggy: counts accumulated in a float array (np.zeros defaults to float64)."""
import numpy as np


def simulate_heads(n_batches, n_flips, rng):
    counts = np.zeros(n_batches)
    for b in range(n_batches):
        counts[b] = rng.integers(0, 2, size=n_flips).sum()
    return counts
