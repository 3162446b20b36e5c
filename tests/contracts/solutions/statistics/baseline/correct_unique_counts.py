"""Correct: np.unique with counts."""
import numpy as np


def majority_baseline(labels):
    _, counts = np.unique(labels, return_counts=True)
    return counts.max() / len(labels)
