"""Buggy: forgets the minus sign."""
import numpy as np


def entropy(p, base=2):
    q = p[p > 0]
    return float(np.sum(q * np.log(q)) / np.log(base))
