"""Correct: sorted means, read at rounded positions (no interpolation)."""
import numpy as np


def bootstrap_ci(data, n_boot, confidence, rng):
    x = np.asarray(data, dtype=float)
    means = np.sort(x[rng.integers(len(x), size=(n_boot, len(x)))].mean(axis=1))
    tail = (1 - confidence) / 2
    lo = means[int(round(tail * (n_boot - 1)))]
    hi = means[int(round((1 - tail) * (n_boot - 1)))]
    return lo, hi
