"""Correct: p = exp(-log(1 + exp(-z))) through np.logaddexp; returns a list."""
import numpy as np


def logistic_grad(X, y, w, b):
    z = np.asarray(X, float) @ np.asarray(w, float) + b
    p = np.exp(-np.logaddexp(0.0, -z))
    g = (p - y) / len(z)
    return [np.einsum("nd,n->d", X, g), g.sum()]
