"""Correct: the off-diagonal entry of np.corrcoef."""
import numpy as np


def pearson_r(x, y):
    return np.corrcoef(x, y)[0, 1]
