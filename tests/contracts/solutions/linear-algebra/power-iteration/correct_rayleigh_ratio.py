"""Correct: eigenvalue as v.Av / v.v, a namedtuple result."""
from collections import namedtuple

import numpy as np

Eigenpair = namedtuple("Eigenpair", ["eigenvalue", "eigenvector"])


def power_iteration(A, v0, iters):
    A = np.asarray(A, dtype=float)
    v = np.asarray(v0, dtype=float)
    v = v / np.linalg.norm(v)
    for _ in range(iters):
        Av = A.dot(v)
        v = Av / np.linalg.norm(Av)
    return Eigenpair(float(v.dot(A.dot(v)) / v.dot(v)), v)
