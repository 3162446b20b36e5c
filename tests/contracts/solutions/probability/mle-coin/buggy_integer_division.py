"""Buggy: floor division // gives 0 unless every flip is heads."""
import numpy as np


def mle_bernoulli(flips):
    return np.sum(flips) // len(flips)
