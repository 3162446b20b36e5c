"""Correct: scipy.special.xlogy defines 0 log 0 = 0."""
import numpy as np
from scipy.special import xlogy


def entropy(p, base=2):
    return float(-np.sum(xlogy(p, p)) / np.log(base))
