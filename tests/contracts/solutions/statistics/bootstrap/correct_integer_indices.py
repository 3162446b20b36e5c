"""Correct: random indices from rng.integers, another quantile method."""
import numpy as np


def bootstrap_ci(data, n_boot, confidence, rng):
    data = np.asarray(data, dtype=float)
    idx = rng.integers(0, len(data), size=(n_boot, len(data)))
    means = data[idx].mean(axis=1)
    lo, hi = np.quantile(means, [(1 - confidence) / 2, (1 + confidence) / 2],
                         method="median_unbiased")
    return lo, hi
