"""Buggy: an empty child gives 0/0 = NaN."""
import numpy as np


def _entropy(labels):
    _, counts = np.unique(labels, return_counts=True)
    p = counts / len(labels)
    return -np.sum(p * np.log2(p)) if len(labels) else np.float64(np.nan)


def information_gain(labels, left):
    n = len(labels)
    l, r = labels[left], labels[~left]
    return _entropy(labels) - len(l) / n * _entropy(l) - len(r) / n * _entropy(r)
