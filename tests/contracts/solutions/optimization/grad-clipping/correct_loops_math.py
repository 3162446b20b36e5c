"""Correct: plain loops over every entry, math.sqrt, a list of new arrays."""
import math

import numpy as np


def clip_grad_norm(gradients, limit):
    squares = 0.0
    for g in gradients:
        for value in np.asarray(g, dtype=float).flat:
            squares += value * value
    total = math.sqrt(squares)
    factor = min(1.0, limit / (total + 1e-6))
    clipped = []
    for g in gradients:
        clipped.append(np.array(g, dtype=float) * factor)
    return clipped, total
