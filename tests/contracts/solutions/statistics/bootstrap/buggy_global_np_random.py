"""Buggy: draws from the global np.random state instead of rng."""
import numpy as np


def bootstrap_ci(data, n_boot, confidence, rng):
    samples = np.random.choice(data, size=(n_boot, len(data)))
    a = (1 - confidence) / 2
    return tuple(np.quantile(samples.mean(axis=1), [a, 1 - a]))
