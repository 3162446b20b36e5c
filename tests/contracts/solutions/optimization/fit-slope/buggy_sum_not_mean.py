"""Buggy: the gradient sums over the points instead of averaging."""
import numpy as np


def fit_slope(x, y, lr, steps):
    w = 0.0
    losses = []
    for _ in range(steps):
        losses.append(np.mean((w * x - y) ** 2))
        w -= lr * np.sum(2 * (w * x - y) * x)
    return w, np.array(losses)
