"""Buggy: divides by the squared lengths."""
import numpy as np


def cosine_similarity(a, b):
    return float(np.sum(a * b) / (np.sum(a * a) * np.sum(b * b)))
