"""Buggy: calls the forbidden np.dot."""
import numpy as np


def dot(a, b):
    return float(np.dot(a, b))
