"""Buggy: the gradient forgets the factor 2."""
import numpy as np


def fit_slope(x, y, lr, steps):
    w = 0.0
    losses = []
    for _ in range(steps):
        losses.append(np.mean((w * x - y) ** 2))
        w -= lr * np.mean((w * x - y) * x)
    return w, np.array(losses)
