"""Correct: the fraction of heads is the mean of the flips."""
import numpy as np


def mle_bernoulli(flips):
    return float(np.mean(flips))
