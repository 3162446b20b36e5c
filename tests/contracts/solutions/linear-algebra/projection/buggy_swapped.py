"""Buggy: projects b onto a."""
import numpy as np


def project(a, b):
    return np.dot(a, b) / np.dot(a, a) * np.asarray(a)
