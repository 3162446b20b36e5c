"""Buggy: min-max scaling to [0, 1], not z-scores."""
import numpy as np


def standardize(X):
    lo, hi = X.min(axis=0), X.max(axis=0)
    rng = np.where(hi > lo, hi - lo, 1.0)
    return (X - lo) / rng
