"""Correct: gradient 2 (w mean(x^2) - mean(xy)), a namedtuple result."""
from collections import namedtuple

import numpy as np

Fit = namedtuple("Fit", ["w", "losses"])


def fit_slope(x, y, lr, steps):
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    sxx, sxy = np.mean(x * x), np.mean(x * y)
    w = 0.0
    losses = []
    for _ in range(steps):
        losses.append(np.mean((w * x - y) ** 2))
        w = w - lr * 2 * (w * sxx - sxy)
    return Fit(w, np.array(losses))
