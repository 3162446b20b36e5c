"""Correct: scipy.stats.t.interval with scipy.stats.sem, returned as a list."""
import numpy as np
from scipy import stats


def mean_ci(sample, level=0.95):
    m = float(np.mean(sample))
    low, high = stats.t.interval(level, len(sample) - 1, loc=m, scale=stats.sem(sample))
    return [m, low, high]
