"""Correct: accumulate the gradient of each sample in a loop."""
import numpy as np


def two_layer_grads(X, y, W1, b1, W2, b2):
    n, o = y.shape
    grads = {"W1": np.zeros_like(W1, dtype=float), "b1": np.zeros_like(b1, dtype=float),
             "W2": np.zeros_like(W2, dtype=float), "b2": np.zeros_like(b2, dtype=float)}
    for i in range(n):
        x = X[i]
        z = x @ W1 + b1
        a = np.where(z > 0, z, 0.0)
        p = a @ W2 + b2
        dp = 2.0 * (p - y[i]) / (n * o)
        grads["W2"] += np.outer(a, dp)
        grads["b2"] += dp
        dz = (W2 @ dp) * (z > 0)
        grads["W1"] += np.outer(x, dz)
        grads["b1"] += dz
    return grads
