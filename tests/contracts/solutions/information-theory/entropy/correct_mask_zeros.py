"""Correct: leave the zeros out, change of base at the end."""
import numpy as np


def entropy(p, base=2):
    q = p[p > 0]
    return -np.sum(q * np.log(q)) / np.log(base)
