"""Correct within tolerance: the common p * log(p + 1e-12) trick."""
import numpy as np


def entropy(p, base=2):
    return -np.sum(p * np.log(p + 1e-12)) / np.log(base)
