"""Correct: loops over samples to accumulate the gradient; a namedtuple result."""
from typing import NamedTuple

import numpy as np


class Fit(NamedTuple):
    w: np.ndarray
    b: float
    losses: list


def gradient_descent(features, targets, lr=0.01, epochs=1000):
    n, d = features.shape
    w = np.zeros(d)
    b = 0.0
    losses = []
    for _ in range(epochs):
        gw = np.zeros(d)
        gb = 0.0
        loss = 0.0
        for i in range(n):
            r = features[i] @ w + b - targets[i]
            loss += r * r
            gw += 2 * r * features[i]
            gb += 2 * r
        losses.append(loss / n)
        w = w - lr * gw / n
        b = b - lr * gb / n
    return Fit(w, b, losses)
