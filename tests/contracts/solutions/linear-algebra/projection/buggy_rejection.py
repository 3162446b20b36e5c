"""Buggy: returns the perpendicular part a - proj (the rejection)."""
import numpy as np


def project(a, b):
    a = np.asarray(a, dtype=float)
    return a - np.dot(a, b) / np.dot(b, b) * b
