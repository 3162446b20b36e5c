"""Buggy: the flip loop starts at 1, so each batch has n_flips - 1 flips."""
import numpy as np


def simulate_heads(n_batches, n_flips, rng):
    heads = np.zeros(n_batches, dtype=int)
    for _ in range(1, n_flips):
        heads += rng.integers(0, 2, size=n_batches)
    return heads
