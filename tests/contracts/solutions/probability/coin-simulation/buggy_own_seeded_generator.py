"""Buggy: ignores the given rng and makes its own seeded generator: every seed gives
the same counts."""
import numpy as np


def simulate_heads(n_batches, n_flips, rng):
    own = np.random.default_rng(42)
    return own.binomial(n_flips, 0.5, size=n_batches)
