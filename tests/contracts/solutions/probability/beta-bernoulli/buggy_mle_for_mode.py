"""Buggy: the MLE (fraction of heads) in place of the MAP."""
import numpy as np


def beta_posterior(alpha, beta, flips):
    h = float(np.sum(flips))
    a, b = alpha + h, beta + len(flips) - h
    return a, b, a / (a + b), h / len(flips)
