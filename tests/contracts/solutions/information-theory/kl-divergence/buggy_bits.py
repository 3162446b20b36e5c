"""Buggy: log2, bits instead of nats."""
import numpy as np


def kl_divergence(p, q):
    m = p > 0
    return float(np.sum(p[m] * np.log2(p[m] / q[m])))
