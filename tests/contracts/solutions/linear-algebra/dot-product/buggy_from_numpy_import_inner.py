"""Buggy: the forbidden np.inner, imported under its own name."""
from numpy import inner


def dot(a, b):
    return float(inner(a, b))
