"""Buggy: the default base is e, not 2."""
import numpy as np


def entropy(p, base=np.e):
    q = p[p > 0]
    return float(-np.sum(q * np.log(q)) / np.log(base))
