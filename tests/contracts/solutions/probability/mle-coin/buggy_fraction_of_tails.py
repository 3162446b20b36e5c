"""Buggy: the fraction of tails."""
import numpy as np


def mle_bernoulli(flips):
    return float(np.mean(np.asarray(flips) == 0))
