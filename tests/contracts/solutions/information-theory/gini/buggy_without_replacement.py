"""Buggy: draws without replacement (n / (n - 1) correction)."""
import numpy as np


def gini(labels):
    n = len(labels)
    _, counts = np.unique(labels, return_counts=True)
    return 1 - np.sum(counts * (counts - 1)) / (n * (n - 1)) if n > 1 else 0.0
