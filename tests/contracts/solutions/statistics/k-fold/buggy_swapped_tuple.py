"""Buggy: (test, train) instead of (train, test)."""
import numpy as np


def kfold_indices(n, k):
    idx = np.arange(n)
    return [(test, np.setdiff1d(idx, test)) for test in np.array_split(idx, k)]
