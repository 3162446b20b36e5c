"""Buggy: divides the dot product by the norm of a only."""
import numpy as np


def cosine_similarity(a, b):
    return float(np.dot(a, b) / np.linalg.norm(a))
