"""Buggy: n degrees of freedom instead of n - 1."""
import numpy as np
from scipy import stats


def mean_ci(data, confidence=0.95):
    n = len(data)
    m = np.mean(data)
    se = np.std(data, ddof=1) / np.sqrt(n)
    t = stats.t.ppf((1 + confidence) / 2, n)
    return m, m - t * se, m + t * se
