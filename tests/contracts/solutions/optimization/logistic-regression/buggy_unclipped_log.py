"""Buggy: log(p) and log(1 - p) without clipping: nan on separable data."""
import numpy as np


def train_logistic(X, y, lr, epochs):
    w, b = np.zeros(X.shape[1]), 0.0
    losses = np.empty(epochs)
    for i in range(epochs):
        p = 1 / (1 + np.exp(-(X @ w + b)))
        losses[i] = -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))
        w = w - lr * X.T @ (p - y) / len(y)
        b = b - lr * np.mean(p - y)
    return w, b, losses
