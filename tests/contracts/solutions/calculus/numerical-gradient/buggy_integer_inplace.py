"""Buggy: perturbs the caller's array in place; an integer array cannot hold w + h."""
import numpy as np


def numerical_gradient(f, w, h=1e-5):
    grad = np.zeros(w.shape)
    for idx in np.ndindex(w.shape):
        old = w[idx]
        w[idx] = old + h
        up = f(w)
        w[idx] = old - h
        down = f(w)
        w[idx] = old
        grad[idx] = (up - down) / (2 * h)
    return grad
