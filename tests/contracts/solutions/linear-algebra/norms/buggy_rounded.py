"""Buggy: rounds both norms to three decimals, like the lesson prints them."""
import numpy as np


def norms(v):
    return (round(float(np.sum(np.abs(v))), 3), round(float(np.linalg.norm(v)), 3))
