"""Buggy: returns the purity sum(p^2) instead of the impurity."""
import numpy as np


def gini(labels):
    _, counts = np.unique(labels, return_counts=True)
    p = counts / counts.sum()
    return np.sum(p * p)
