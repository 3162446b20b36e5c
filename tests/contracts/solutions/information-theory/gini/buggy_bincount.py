"""Buggy: np.bincount fails on negative labels."""
import numpy as np


def gini(labels):
    p = np.bincount(labels) / len(labels)
    return 1 - np.sum(p ** 2)
