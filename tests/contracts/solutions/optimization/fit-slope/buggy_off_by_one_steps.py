"""Buggy: range(steps - 1) takes one step too few."""
import numpy as np


def fit_slope(x, y, lr, steps):
    w = 0.0
    losses = [np.mean((w * x - y) ** 2)]
    for _ in range(steps - 1):
        w -= lr * np.mean(2 * (w * x - y) * x)
        losses.append(np.mean((w * x - y) ** 2))
    return w, np.array(losses)
