"""Buggy: always 1.96, whatever the confidence and the sample size."""
import numpy as np


def mean_ci(data, confidence=0.95):
    m = np.mean(data)
    se = np.std(data, ddof=1) / np.sqrt(len(data))
    return m, m - 1.96 * se, m + 1.96 * se
