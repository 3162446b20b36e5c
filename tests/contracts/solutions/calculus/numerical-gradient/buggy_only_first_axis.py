"""Buggy: loops over range(len(w)), so a matrix gets whole rows perturbed at once."""
import numpy as np


def numerical_gradient(f, w, h=1e-5):
    x = w.astype(float)
    grad = np.zeros(x.shape)
    for i in range(len(x)):
        old = x[i].copy()
        x[i] = old + h
        up = f(x)
        x[i] = old - h
        down = f(x)
        x[i] = old
        grad[i] = (up - down) / (2 * h)
    return grad
