"""Correct: the beginner's version, one coin at a time with rng.integers(0, 2)."""
import numpy as np


def simulate_heads(n_batches, n_flips, rng):
    counts = np.zeros(n_batches, dtype=int)
    for b in range(n_batches):
        heads = 0
        for _ in range(n_flips):
            if rng.integers(0, 2) == 1:
                heads += 1
        counts[b] = heads
    return counts
