"""Buggy: fractions passed to np.percentile, which takes percents."""
import numpy as np


def bootstrap_ci(data, n_boot, confidence, rng):
    means = rng.choice(data, size=(n_boot, len(data))).mean(axis=1)
    a = (1 - confidence) / 2
    return np.percentile(means, a), np.percentile(means, 1 - a)
