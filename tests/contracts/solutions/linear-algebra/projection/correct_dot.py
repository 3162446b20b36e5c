"""Correct: np.dot for both dot products."""
import numpy as np


def project(a, b):
    return np.dot(a, b) / np.dot(b, b) * b
