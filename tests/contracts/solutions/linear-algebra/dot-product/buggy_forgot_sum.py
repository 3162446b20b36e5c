"""Buggy: returns the elementwise products, not their sum."""
import numpy as np


def dot(a, b):
    return np.asarray(a) * np.asarray(b)
