"""Buggy: seeds a generator of its own instead of using rng."""
import numpy as np


def estimate_tail(n, k, p, trials, rng):
    mine = np.random.default_rng(12345)
    heads = mine.binomial(n, p, size=trials)
    return float(np.mean(heads >= k))
