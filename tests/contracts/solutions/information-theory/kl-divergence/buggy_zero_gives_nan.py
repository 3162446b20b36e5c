"""Buggy: 0 * log(0 / q) = NaN."""
import numpy as np


def kl_divergence(p, q):
    return float(np.sum(p * np.log(p / q)))
