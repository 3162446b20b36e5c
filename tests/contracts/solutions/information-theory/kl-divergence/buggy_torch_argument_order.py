"""Buggy: copies torch's kl_div(log q, p) order literally: sum q (log q - log p)."""
import numpy as np


def kl_divergence(p, q):
    m = q > 0
    with np.errstate(divide="ignore"):
        return float(np.sum(q[m] * (np.log(q[m]) - np.log(p[m]))))
