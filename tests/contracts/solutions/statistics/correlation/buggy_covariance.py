"""Buggy: returns the covariance, not the correlation."""
import numpy as np


def pearson_r(x, y):
    return float(np.mean((x - x.mean()) * (y - y.mean())))
