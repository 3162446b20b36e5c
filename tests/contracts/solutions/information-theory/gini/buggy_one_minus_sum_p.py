"""Buggy: 1 - sum(p) (forgot to square)."""
import numpy as np


def gini(labels):
    _, counts = np.unique(labels, return_counts=True)
    return 1 - np.sum(counts / len(labels))
