"""Buggy: records the loss after the step, not before it."""
import numpy as np


def fit_slope(x, y, lr, steps):
    w = 0.0
    losses = []
    for _ in range(steps):
        w -= lr * np.mean(2 * (w * x - y) * x)
        losses.append(np.mean((w * x - y) ** 2))
    return w, np.array(losses)
