"""Correct: np.bincount and scipy.stats.entropy in base 2."""
import numpy as np
from scipy.stats import entropy


def information_gain(labels, left):
    k = labels.max() + 1

    def h(part):
        return entropy(np.bincount(part, minlength=k), base=2) if part.size else 0.0

    w = left.mean()
    return h(labels) - w * h(labels[left]) - (1 - w) * h(labels[~left])
