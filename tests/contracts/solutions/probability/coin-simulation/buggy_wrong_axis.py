"""Buggy: sums over the batches instead of the flips."""


def simulate_heads(n_batches, n_flips, rng):
    return rng.integers(0, 2, size=(n_batches, n_flips)).sum(axis=0)
