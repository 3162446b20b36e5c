"""Buggy: subtracts the average of the children's entropies, not the weighted one."""
import numpy as np


def _entropy(labels):
    if len(labels) == 0:
        return 0.0
    _, counts = np.unique(labels, return_counts=True)
    p = counts / counts.sum()
    return -np.sum(p * np.log2(p))


def information_gain(labels, left):
    return _entropy(labels) - (_entropy(labels[left]) + _entropy(labels[~left])) / 2
