"""Correct: p clipped to [1e-15, 1 - 1e-15] before the logs; a stable sigmoid."""
import numpy as np


def sigmoid(z):
    out = np.empty_like(z)
    pos = z >= 0
    out[pos] = 1 / (1 + np.exp(-z[pos]))
    ez = np.exp(z[~pos])
    out[~pos] = ez / (1 + ez)
    return out


def train_logistic(X, y, lr, epochs):
    n, d = X.shape
    w, b = np.zeros(d), 0.0
    losses = np.zeros(epochs)
    for epoch in range(epochs):
        p = sigmoid(X @ w + b)
        q = np.clip(p, 1e-15, 1 - 1e-15)
        losses[epoch] = -np.mean(y * np.log(q) + (1 - y) * np.log(1 - q))
        grad_w = X.T @ (p - y) / n
        grad_b = np.sum(p - y) / n
        w = w - lr * grad_w
        b = b - lr * grad_b
    return w, b, losses
