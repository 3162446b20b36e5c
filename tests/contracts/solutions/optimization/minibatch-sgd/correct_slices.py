"""Correct: one generator, a permutation per epoch, consecutive slices."""
import numpy as np


def minibatch_sgd(X, y, lr, epochs, batch_size, seed):
    rng = np.random.default_rng(seed)
    n, d = X.shape
    w, b = np.zeros(d), 0.0
    losses = []
    for _ in range(epochs):
        order = rng.permutation(n)
        for start in range(0, n, batch_size):
            batch = order[start:start + batch_size]
            r = X[batch] @ w + b - y[batch]
            w = w - lr * 2 * X[batch].T @ r / len(batch)
            b = b - lr * 2 * r.mean()
        losses.append(np.mean((X @ w + b - y) ** 2))
    return w, b, np.array(losses)
