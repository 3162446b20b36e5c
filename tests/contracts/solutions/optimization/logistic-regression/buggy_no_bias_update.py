"""Buggy: b is never trained."""
import numpy as np
from scipy.special import expit


def train_logistic(X, y, lr, epochs):
    w, b = np.zeros(X.shape[1]), 0.0
    losses = np.empty(epochs)
    for i in range(epochs):
        z = X @ w + b
        losses[i] = np.mean(np.logaddexp(0, z) - y * z)
        w = w - lr * X.T @ (expit(z) - y) / len(y)
    return w, b, losses
