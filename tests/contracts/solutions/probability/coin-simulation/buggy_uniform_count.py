"""Buggy: draws the count uniformly from 0..n_flips."""


def simulate_heads(n_batches, n_flips, rng):
    return rng.integers(0, n_flips + 1, size=n_batches)
