"""Buggy: folds of n // k; the last n % k indices are never tested."""
import numpy as np


def kfold_indices(n, k):
    size = n // k
    folds = []
    for i in range(k):
        test = np.arange(i * size, (i + 1) * size)
        train = np.array([j for j in range(n) if j not in test])
        folds.append((train, test))
    return folds
