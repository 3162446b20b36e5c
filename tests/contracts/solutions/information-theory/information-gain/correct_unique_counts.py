"""Correct: entropy of label frequencies with np.unique; empty children give 0."""
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
    return _entropy(labels) - len(l) / n * _entropy(l) - len(r) / n * _entropy(r)
