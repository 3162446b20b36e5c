"""Buggy: divides the central difference by 4h (2 * 2h) instead of 2h."""
import numpy as np


def numerical_gradient(f, w, h=1e-5):
    x = np.array(w, dtype=float)
    grad = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        old = x[i]
        x[i] = old + h
        up = f(x)
        x[i] = old - h
        down = f(x)
        x[i] = old
        grad[i] = (up - down) / (2 * 2 * h)
    return grad
