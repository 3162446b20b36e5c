"""Correct: the mean product of z-scores (ddof=0 for both, consistently)."""
import numpy as np


def pearson_r(a, b):
    za = (a - a.mean()) / a.std()
    zb = (b - b.mean()) / b.std()
    return float(np.mean(za * zb))
