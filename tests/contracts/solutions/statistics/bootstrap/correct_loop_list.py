"""Correct: one resample per loop iteration, the interval as a list."""
import numpy as np


def bootstrap_ci(data, n_boot, confidence, rng):
    means = []
    for _ in range(n_boot):
        resample = rng.choice(data, size=len(data))
        means.append(np.mean(resample))
    means = np.sort(means)
    tail = (1 - confidence) / 2
    return [float(np.quantile(means, tail)), float(np.quantile(means, 1 - tail))]
