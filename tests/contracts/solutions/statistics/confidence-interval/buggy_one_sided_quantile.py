"""Buggy: t.ppf(confidence) is a one-sided quantile."""
import numpy as np
from scipy import stats


def mean_ci(data, confidence=0.95):
    n = len(data)
    m = np.mean(data)
    se = np.std(data, ddof=1) / np.sqrt(n)
    t = stats.t.ppf(confidence, n - 1)
    return m, m - t * se, m + t * se
