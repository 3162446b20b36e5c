"""Buggy: adds Laplace smoothing, which is not the maximum-likelihood estimate."""
import numpy as np


def mle_bernoulli(flips):
    return float((np.sum(flips) + 1) / (len(flips) + 2))
