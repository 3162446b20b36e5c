"""Buggy: percentiles of the resampled values themselves, not of their means."""
import numpy as np


def bootstrap_ci(data, n_boot, confidence, rng):
    samples = rng.choice(data, size=(n_boot, len(data)))
    a = (1 - confidence) / 2
    return tuple(np.quantile(samples, [a, 1 - a]))
