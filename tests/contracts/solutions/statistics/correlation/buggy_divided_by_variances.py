"""Buggy: divides the covariance by the two variances instead of the two standard deviations."""
import numpy as np


def pearson_r(x, y):
    cov = np.mean((x - x.mean()) * (y - y.mean()))
    return float(cov / (np.var(x) * np.var(y)))
