"""Correct: a loop over batches, rng.choice for the flips."""
import numpy as np


def simulate_heads(n_batches, n_flips, rng):
    counts = np.zeros(n_batches, dtype=int)
    for i in range(n_batches):
        counts[i] = np.sum(rng.choice([0, 1], size=n_flips))
    return counts
