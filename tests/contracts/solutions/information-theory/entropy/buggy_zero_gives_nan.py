"""Buggy: 0 * log(0) = 0 * -inf = NaN."""
import numpy as np


def entropy(p, base=2):
    return float(-np.sum(p * np.log(p)) / np.log(base))
