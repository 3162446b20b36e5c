"""Buggy: records the loss after each update."""
import numpy as np
from scipy.special import expit


def train_logistic(X, y, lr, epochs):
    w, b = np.zeros(X.shape[1]), 0.0
    losses = []
    for _ in range(epochs):
        p = expit(X @ w + b)
        w = w - lr * X.T @ (p - y) / len(y)
        b = b - lr * np.mean(p - y)
        z = X @ w + b
        losses.append(np.mean(np.logaddexp(0, z) - y * z))
    return w, b, np.array(losses)
