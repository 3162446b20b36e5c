"""Buggy: takes the absolute value, so opposite vectors look similar."""
import numpy as np


def cosine_similarity(a, b):
    return abs(float(np.sum(a * b) / (np.linalg.norm(a) * np.linalg.norm(b))))
