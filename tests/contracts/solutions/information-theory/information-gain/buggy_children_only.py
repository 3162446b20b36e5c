"""Buggy: returns the weighted child entropy, forgetting the parent's."""
import numpy as np


def _entropy(labels):
    if len(labels) == 0:
        return 0.0
    _, counts = np.unique(labels, return_counts=True)
    p = counts / counts.sum()
    return -np.sum(p * np.log2(p))


def information_gain(labels, left):
    n = len(labels)
    l, r = labels[left], labels[~left]
    return len(l) / n * _entropy(l) + len(r) / n * _entropy(r)
