"""Buggy: returns the coefficient t, not the vector t b."""
import numpy as np


def project(a, b):
    return np.dot(a, b) / np.dot(b, b)
