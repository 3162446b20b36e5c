"""Buggy: clips q at 1e-7 to avoid dividing by zero; a model that gives an outcome less than
1e-7 gets a smaller divergence than it deserves."""
import numpy as np


def kl_divergence(p, q):
    q = np.clip(q, 1e-7, 1.0)
    mask = p > 0
    return float(np.sum(p[mask] * np.log(p[mask] / q[mask])))
