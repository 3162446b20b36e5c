"""Buggy: the cross-entropy -sum p log q instead of the KL divergence."""
import numpy as np


def kl_divergence(p, q):
    m = p > 0
    return float(-np.sum(p[m] * np.log(q[m])))
