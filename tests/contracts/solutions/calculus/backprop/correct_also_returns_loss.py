"""Correct: the gradients plus the loss itself under a 'loss' key, as a training step
would log it: extra keys are not part of the contract and are ignored."""
import numpy as np


def two_layer_grads(X, y, W1, b1, W2, b2):
    z1 = X @ W1 + b1
    a1 = np.maximum(z1, 0)
    out = a1 @ W2 + b2
    loss = np.mean((out - y) ** 2)
    d_out = 2 * (out - y) / out.size
    d_z1 = (d_out @ W2.T) * (z1 > 0)
    return {"loss": float(loss), "W1": X.T @ d_z1, "b1": d_z1.sum(axis=0),
            "W2": a1.T @ d_out, "b2": d_out.sum(axis=0)}
