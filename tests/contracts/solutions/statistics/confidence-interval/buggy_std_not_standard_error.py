"""Buggy: uses the standard deviation instead of the standard error."""
import numpy as np
from scipy import stats


def mean_ci(data, confidence=0.95):
    m = np.mean(data)
    s = np.std(data, ddof=1)
    t = stats.t.ppf((1 + confidence) / 2, len(data) - 1)
    return m, m - t * s, m + t * s
