"""Buggy: folds of n // k, the leftover examples all go to the last fold."""
import numpy as np


def kfold_indices(n, k):
    size = n // k
    idx = np.arange(n)
    out = []
    for i in range(k):
        end = (i + 1) * size if i < k - 1 else n
        test = idx[i * size:end]
        out.append((np.setdiff1d(idx, test), test))
    return out
