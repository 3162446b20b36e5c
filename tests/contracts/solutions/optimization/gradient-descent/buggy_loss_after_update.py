"""Buggy: records the loss after each update."""
import numpy as np


def gradient_descent(X, y, lr=0.01, epochs=1000):
    w = np.zeros(X.shape[1])
    b = 0.0
    losses = []
    for _ in range(epochs):
        r = X @ w + b - y
        w = w - lr * 2 * X.T @ r / len(y)
        b = b - lr * 2 * np.mean(r)
        losses.append(np.mean((X @ w + b - y) ** 2))
    return w, b, np.array(losses)
