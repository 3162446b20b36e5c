"""Buggy: uses y - prediction, so every gradient has the wrong sign."""
import numpy as np


def two_layer_grads(X, y, W1, b1, W2, b2):
    z1 = X @ W1 + b1
    a1 = np.maximum(z1, 0)
    out = a1 @ W2 + b2
    d_out = 2 * (y - out) / out.size
    d_z1 = (d_out @ W2.T) * (z1 > 0)
    return {"W1": X.T @ d_z1, "b1": d_z1.sum(axis=0),
            "W2": a1.T @ d_out, "b2": d_out.sum(axis=0)}
