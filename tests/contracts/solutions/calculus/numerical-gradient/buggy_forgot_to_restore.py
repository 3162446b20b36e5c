"""Buggy: never puts w_i back, so later coordinates see earlier perturbations."""
import numpy as np


def numerical_gradient(f, w, h=1e-5):
    x = w.astype(float)
    grad = np.zeros(x.shape)
    for idx in np.ndindex(x.shape):
        old = x[idx]
        x[idx] = old + h
        up = f(x)
        x[idx] = old - h
        down = f(x)
        grad[idx] = (up - down) / (2 * h)
    return grad
