"""Correct: np.count_nonzero over the size, a numpy scalar."""
import numpy as np


def mle_bernoulli(data):
    data = np.asarray(data)
    return np.float64(np.count_nonzero(data)) / data.size
