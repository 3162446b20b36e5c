"""Buggy: returns r squared."""
import numpy as np


def pearson_r(x, y):
    return float(np.corrcoef(x, y)[0, 1] ** 2)
