"""Correct: works in place on the caller's array (float inputs) through a flat view,
restoring each entry exactly; integer inputs get a float copy first."""
import numpy as np


def numerical_gradient(f, params, eps=1e-5):
    if params.dtype.kind != "f":
        params = params.astype(float)
    flat = params.reshape(-1)
    grad = np.zeros(flat.size)
    for i in range(flat.size):
        original = flat[i]
        flat[i] = original + eps
        f_plus = f(params)
        flat[i] = original - eps
        f_minus = f(params)
        flat[i] = original
        grad[i] = (f_plus - f_minus) / (2 * eps)
    return grad.reshape(params.shape)
