"""Correct: one binomial draw per batch."""


def simulate_heads(n_batches, n_flips, rng):
    return rng.binomial(n_flips, 0.5, size=n_batches)
