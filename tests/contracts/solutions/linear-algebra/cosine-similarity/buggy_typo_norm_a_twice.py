"""Buggy: a typo divides by |a| * |a| instead of |a| * |b|."""
import numpy as np


def cosine_similarity(a, b):
    return float(np.sum(a * b) / (np.linalg.norm(a) * np.linalg.norm(a)))
