"""Buggy: variance returns the standard deviation."""
import numpy as np


def expectation(values, probs):
    return float(np.sum(values * probs))


def variance(values, probs):
    mu = np.sum(values * probs)
    return float(np.sqrt(np.sum(probs * (values - mu) ** 2)))
