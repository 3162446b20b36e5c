"""Correct: np.nditer with a multi-index over a copy (the cs231n pattern)."""
import numpy as np


def numerical_gradient(f, w, h=1e-5):
    x = np.array(w, dtype=np.float64, copy=True)
    grad = np.zeros_like(x)
    it = np.nditer(x, flags=["multi_index"])
    while not it.finished:
        ix = it.multi_index
        old = x[ix]
        x[ix] = old + h
        fxph = f(x)
        x[ix] = old - h
        fxmh = f(x)
        x[ix] = old
        grad[ix] = (fxph - fxmh) / (2 * h)
        it.iternext()
    return grad
