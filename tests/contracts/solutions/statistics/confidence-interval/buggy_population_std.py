"""Buggy: np.std's default ddof=0 in the standard error."""
import numpy as np
from scipy import stats


def mean_ci(data, confidence=0.95):
    n = len(data)
    m = np.mean(data)
    se = np.std(data) / np.sqrt(n)
    t = stats.t.ppf((1 + confidence) / 2, n - 1)
    return m, m - t * se, m + t * se
