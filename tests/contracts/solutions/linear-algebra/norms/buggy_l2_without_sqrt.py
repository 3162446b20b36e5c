"""Buggy: returns the squared L2 norm."""
import numpy as np


def norms(v):
    return (float(np.sum(np.abs(v))), float(np.sum(v * v)))
