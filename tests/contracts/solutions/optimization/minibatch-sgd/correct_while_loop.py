"""Correct: a while loop over the shuffled indices, returned as a list."""
import numpy as np


def minibatch_sgd(X, y, lr, epochs, batch_size, seed):
    gen = np.random.default_rng(seed)
    n, d = X.shape
    w = np.zeros(d)
    b = 0.0
    history = []
    for _ in range(epochs):
        order = gen.permutation(n)
        i = 0
        while i < n:
            j = min(i + batch_size, n)
            xb, yb = X[order[i:j]], y[order[i:j]]
            resid = xb.dot(w) + b - yb
            grad_w = 2.0 * xb.T.dot(resid) / (j - i)
            grad_b = 2.0 * resid.sum() / (j - i)
            w -= lr * grad_w
            b -= lr * grad_b
            i = j
        history.append(float(np.mean((X.dot(w) + b - y) ** 2)))
    return [w, b, history]
