"""Correct (up to rounding): np.asarray(w, dtype=float) does not copy a float array,
so the caller's w is nudged in place; the += / -= round trip w_i + h - 2h + h puts
each entry back, though not always to the last bit. The contract asks for the same
values up to rounding, so this passes."""
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
