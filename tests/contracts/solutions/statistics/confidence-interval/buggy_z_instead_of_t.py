"""Buggy: the normal quantile instead of Student's t."""
import numpy as np
from scipy import stats


def mean_ci(data, confidence=0.95):
    m = np.mean(data)
    se = np.std(data, ddof=1) / np.sqrt(len(data))
    z = stats.norm.ppf((1 + confidence) / 2)
    return m, m - z * se, m + z * se
