"""Correct: record the loss, then step; losses as an array."""
import numpy as np


def fit_slope(x, y, lr, steps):
    w = 0.0
    losses = np.zeros(steps)
    for i in range(steps):
        pred = w * x
        losses[i] = np.mean((pred - y) ** 2)
        w -= lr * np.mean(2 * (pred - y) * x)
    return w, losses
