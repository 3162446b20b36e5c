"""Correct: vectorized batch gradient descent."""
import numpy as np


def gradient_descent(X, y, lr=0.01, epochs=1000):
    n, d = X.shape
    w = np.zeros(d)
    b = 0.0
    losses = []
    for _ in range(epochs):
        err = X @ w + b - y
        losses.append(np.mean(err ** 2))
        w = w - lr * (2 / n) * X.T @ err
        b = b - lr * 2 * err.mean()
    return w, b, np.array(losses)
