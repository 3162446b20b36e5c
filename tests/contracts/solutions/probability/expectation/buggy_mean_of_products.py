"""Buggy: the mean of x * p instead of its sum."""
import numpy as np


def expectation(values, probs):
    return float(np.mean(values * probs))


def variance(values, probs):
    mu = np.sum(values * probs)
    return float(np.mean(probs * (values - mu) ** 2))
