"""Buggy: 1 / (1 + exp(-z)) overflows (and warns) at z = -1000."""
import numpy as np


def logistic_grad(X, y, w, b):
    p = 1 / (1 + np.exp(-(X @ w + b)))
    return X.T @ (p - y) / len(y), float(np.mean(p - y))
