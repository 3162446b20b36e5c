"""Buggy: np.asarray(w, dtype=float) does not copy a float array, and the += / -=
round trip w_i + h - 2h + h does not give back w_i exactly: the caller's w is left
changed in its last bits (the gradient itself is fine)."""
import numpy as np


def numerical_gradient(f, w, h=1e-5):
    x = np.asarray(w, dtype=float)
    grad = np.zeros(x.shape)
    for idx in np.ndindex(x.shape):
        x[idx] += h
        up = f(x)
        x[idx] -= 2 * h
        down = f(x)
        x[idx] += h
        grad[idx] = (up - down) / (2 * h)
    return grad
