"""Buggy: assumes b has unit length."""
import numpy as np


def project(a, b):
    return np.dot(a, b) * np.asarray(b)
