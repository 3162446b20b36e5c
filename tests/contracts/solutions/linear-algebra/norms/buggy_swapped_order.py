"""Buggy: returns (l2, l1)."""
import numpy as np


def norms(v):
    return (float(np.linalg.norm(v)), float(np.linalg.norm(v, 1)))
