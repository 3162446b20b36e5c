"""Correct: a flip loop per batch with rng.random, returned as a list of Python ints."""


def simulate_heads(n_batches, n_flips, rng):
    counts = []
    for _ in range(n_batches):
        flips = rng.random(n_flips)
        counts.append(int((flips < 0.5).sum()))
    return counts
