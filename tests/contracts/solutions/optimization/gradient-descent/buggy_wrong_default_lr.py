"""Buggy: the default learning rate is 0.1, not the contract's 0.01."""
import numpy as np


def gradient_descent(X, y, lr=0.1, epochs=1000):
    w = np.zeros(X.shape[1])
    b = 0.0
    losses = []
    for _ in range(epochs):
        r = X @ w + b - y
        losses.append(np.mean(r ** 2))
        w = w - lr * 2 * X.T @ r / len(y)
        b = b - lr * 2 * np.mean(r)
    return w, b, np.array(losses)
