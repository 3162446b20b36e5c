"""Buggy: the standard error divides by sqrt(n - 1) instead of sqrt(n)."""
import numpy as np
from scipy import stats


def mean_ci(data, confidence=0.95):
    n = len(data)
    m = np.mean(data)
    se = np.std(data, ddof=1) / np.sqrt(n - 1)
    t = stats.t.ppf((1 + confidence) / 2, n - 1)
    return m, m - t * se, m + t * se
