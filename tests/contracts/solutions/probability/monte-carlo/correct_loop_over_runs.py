"""Correct: a loop over the runs, counting the successes."""


def estimate_tail(n, k, p, trials, rng):
    hits = 0
    for _ in range(trials):
        heads = int((rng.random(n) < p).sum())
        if heads >= k:
            hits += 1
    return hits / trials
