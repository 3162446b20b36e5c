"""Buggy: never shuffles; batches always in the original order."""
import numpy as np


def minibatch_sgd(X, y, lr, epochs, batch_size, seed):
    n, d = X.shape
    w, b = np.zeros(d), 0.0
    losses = []
    for _ in range(epochs):
        for start in range(0, n, batch_size):
            xb, yb = X[start:start + batch_size], y[start:start + batch_size]
            r = xb @ w + b - yb
            w = w - lr * 2 * xb.T @ r / len(yb)
            b = b - lr * 2 * r.mean()
        losses.append(np.mean((X @ w + b - y) ** 2))
    return w, b, np.array(losses)
