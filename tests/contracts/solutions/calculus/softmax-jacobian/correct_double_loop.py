"""Correct: entry by entry with a Kronecker delta, in plain loops."""
import math

import numpy as np


def softmax_jacobian(z):
    m = max(z)
    e = [math.exp(v - m) for v in z]
    total = sum(e)
    s = [v / total for v in e]
    c = len(s)
    J = [[0.0] * c for _ in range(c)]
    for i in range(c):
        for j in range(c):
            delta = 1.0 if i == j else 0.0
            J[i][j] = s[i] * (delta - s[j])
    return np.array(J)
