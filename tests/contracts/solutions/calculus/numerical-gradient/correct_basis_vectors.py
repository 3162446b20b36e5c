"""Correct: a unit perturbation per coordinate, w + h e_i and w - h e_i."""
import numpy as np


def numerical_gradient(f, w, h=1e-5):
    w = np.asarray(w, dtype=float)
    grad = np.empty(w.size)
    for i in range(w.size):
        e = np.zeros(w.size)
        e[i] = h
        e = e.reshape(w.shape)
        grad[i] = (f(w + e) - f(w - e)) / (2 * h)
    return grad.reshape(w.shape)
