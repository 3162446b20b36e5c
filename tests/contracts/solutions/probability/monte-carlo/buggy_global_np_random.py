"""Buggy: ignores rng and draws from the global np.random state."""
import numpy as np


def estimate_tail(n, k, p, trials, rng):
    heads = np.random.binomial(n, p, size=trials)
    return float(np.mean(heads >= k))
