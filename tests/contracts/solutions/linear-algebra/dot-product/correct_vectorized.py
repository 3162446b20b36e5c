"""Correct: multiply elementwise, then np.sum; a Python float."""
import numpy as np


def dot(a, b):
    return float(np.sum(np.asarray(a, dtype=float) * np.asarray(b, dtype=float)))
