"""Buggy: range(n_flips + 1) flips one coin too many in every batch."""
import numpy as np


def simulate_heads(n_batches, n_flips, rng):
    heads = np.zeros(n_batches, dtype=np.int64)
    for _ in range(n_flips + 1):
        heads += rng.integers(0, 2, size=n_batches)
    return heads
