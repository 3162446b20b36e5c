"""Correct: fold boundaries from cumulative sizes, a boolean mask per fold."""
import numpy as np


def kfold_indices(n, k):
    sizes = np.full(k, n // k, dtype=int)
    sizes[: n % k] += 1
    bounds = np.concatenate([[0], np.cumsum(sizes)])
    all_idx = np.arange(n)
    result = []
    for a, b in zip(bounds[:-1], bounds[1:]):
        mask = (all_idx >= a) & (all_idx < b)
        result.append((all_idx[~mask], all_idx[mask]))
    return result
