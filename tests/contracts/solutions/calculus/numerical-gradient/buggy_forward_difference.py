"""Buggy: forward differences (f(w + h e_i) - f(w)) / h."""
import numpy as np


def numerical_gradient(f, w, h=1e-5):
    x = w.astype(float)
    base = f(x)
    grad = np.zeros(x.shape)
    for idx in np.ndindex(x.shape):
        old = x[idx]
        x[idx] = old + h
        grad[idx] = (f(x) - base) / h
        x[idx] = old
    return grad
