"""Buggy: forgets to subtract the means (a cosine similarity)."""
import numpy as np


def pearson_r(x, y):
    return float(np.sum(x * y) / np.sqrt(np.sum(x * x) * np.sum(y * y)))
