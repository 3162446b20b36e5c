"""Correct: np.unique counts."""
import numpy as np


def gini(labels):
    _, counts = np.unique(labels, return_counts=True)
    p = counts / len(labels)
    return 1 - np.sum(p ** 2)
