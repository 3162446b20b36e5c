"""Buggy: resamples without replacement, so every resample has the data's mean."""
import numpy as np


def bootstrap_ci(data, n_boot, confidence, rng):
    means = [rng.choice(data, size=len(data), replace=False).mean() for _ in range(n_boot)]
    a = (1 - confidence) / 2
    return tuple(np.quantile(means, [a, 1 - a]))
