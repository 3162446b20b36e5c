"""Correct: all resamples at once with rng.choice, np.percentile in percents."""
import numpy as np


def bootstrap_ci(data, n_boot, confidence, rng):
    samples = rng.choice(data, size=(n_boot, len(data)), replace=True)
    means = samples.mean(axis=1)
    alpha = 1 - confidence
    return tuple(np.percentile(means, [100 * alpha / 2, 100 * (1 - alpha / 2)]))
