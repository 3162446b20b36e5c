"""Buggy: rounds the result to two decimals."""
import numpy as np


def dot(a, b):
    return round(float(np.sum(a * b)), 2)
