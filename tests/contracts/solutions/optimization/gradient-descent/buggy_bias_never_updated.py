"""Buggy: computes the bias gradient but never applies it."""
import numpy as np


def gradient_descent(X, y, lr=0.01, epochs=1000):
    w = np.zeros(X.shape[1])
    b = 0.0
    losses = []
    for _ in range(epochs):
        r = X @ w + b - y
        losses.append(np.mean(r ** 2))
        w -= lr * 2 * X.T @ r / len(y)
    return w, b, np.array(losses)
