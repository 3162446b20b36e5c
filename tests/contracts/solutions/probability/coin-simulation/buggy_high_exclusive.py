"""Buggy: rng.integers(0, 1) only ever returns 0 (the upper bound is exclusive)."""


def simulate_heads(n_batches, n_flips, rng):
    return rng.integers(0, 1, size=(n_batches, n_flips)).sum(axis=1)
