"""Buggy: counts runs with more than k heads, not at least k."""


def estimate_tail(n, k, p, trials, rng):
    heads = rng.binomial(n, p, size=trials)
    return float((heads > k).mean())
