"""Buggy: sample covariance (ddof=1) over population standard deviations (ddof=0)."""
import numpy as np


def pearson_r(x, y):
    cov = np.cov(x, y)[0, 1]
    return float(cov / (np.std(x) * np.std(y)))
