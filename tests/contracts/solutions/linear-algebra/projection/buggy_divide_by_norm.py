"""Buggy: divides by ||b|| instead of ||b||^2."""
import numpy as np


def project(a, b):
    return np.dot(a, b) / np.linalg.norm(b) * b
