"""Buggy: adds 1e-10 to p and q to dodge log(0); changes the answer when q is tiny."""
import numpy as np


def kl_divergence(p, q):
    eps = 1e-10
    return float(np.sum(p * np.log((p + eps) / (q + eps))))
