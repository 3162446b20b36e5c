"""Correct: 1-D handled as one row; each row in a loop with math.exp."""
import math

import numpy as np


def softmax_row(row):
    m = max(row)
    exps = [math.exp(v - m) for v in row]
    total = sum(exps)
    return [v / total for v in exps]


def softmax(z):
    z = np.asarray(z, dtype=float)
    rows = np.atleast_2d(z)
    out = np.array([softmax_row(list(r)) for r in rows])
    return out.reshape(z.shape)
