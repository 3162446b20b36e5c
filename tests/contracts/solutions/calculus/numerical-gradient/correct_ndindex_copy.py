"""Correct: a float copy, np.ndindex, each coordinate restored."""
import numpy as np


def numerical_gradient(f, w, h=1e-5):
    x = w.astype(float)
    grad = np.zeros(x.shape)
    for idx in np.ndindex(x.shape):
        saved = x[idx]
        x[idx] = saved + h
        up = f(x)
        x[idx] = saved - h
        down = f(x)
        x[idx] = saved
        grad[idx] = (up - down) / (2 * h)
    return grad
