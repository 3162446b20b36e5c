"""Buggy: updates w, then computes the bias gradient with the new w."""
import numpy as np


def gradient_descent(X, y, lr=0.01, epochs=1000):
    w = np.zeros(X.shape[1])
    b = 0.0
    losses = []
    for _ in range(epochs):
        r = X @ w + b - y
        losses.append(np.mean(r ** 2))
        w = w - lr * 2 * X.T @ r / len(y)
        b = b - lr * 2 * np.mean(X @ w + b - y)
    return w, b, np.array(losses)
