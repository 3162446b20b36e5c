"""Buggy: variance returns E[X^2], forgetting to subtract the mean."""
import numpy as np


def expectation(values, probs):
    return float(np.sum(values * probs))


def variance(values, probs):
    return float(np.sum(probs * values ** 2))
