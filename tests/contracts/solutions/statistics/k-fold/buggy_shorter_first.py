"""Buggy: the longer folds at the end instead of the start."""
import numpy as np


def kfold_indices(n, k):
    sizes = [n // k + (1 if i >= k - n % k else 0) for i in range(k)]
    out, start = [], 0
    for s in sizes:
        test = np.arange(start, start + s)
        out.append((np.setdiff1d(np.arange(n), test), test))
        start += s
    return out
