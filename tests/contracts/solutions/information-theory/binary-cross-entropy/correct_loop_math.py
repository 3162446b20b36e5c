"""Correct: a loop over flattened pairs with math.log."""
import math

import numpy as np


def bce(y_true, y_pred):
    eps = 1e-12
    total = 0.0
    pairs = list(zip(np.ravel(y_true), np.ravel(y_pred)))
    for y, p in pairs:
        p = min(max(p, eps), 1 - eps)
        total += -(y * math.log(p) + (1 - y) * math.log(1 - p))
    return total / len(pairs)
