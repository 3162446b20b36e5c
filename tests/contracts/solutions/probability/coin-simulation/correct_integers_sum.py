"""Correct: a 0/1 matrix of flips from rng.integers, summed per batch."""


def simulate_heads(n_batches, n_flips, rng):
    flips = rng.integers(0, 2, size=(n_batches, n_flips))
    return flips.sum(axis=1)
