"""Correct: in-place updates of the (copied) arguments, returned as a list."""
import numpy as np


def adam_step(params, g, m, v, step, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    m *= beta1
    m += (1 - beta1) * g
    v *= beta2
    v += (1 - beta2) * np.square(g)
    m_hat = m / (1 - np.power(beta1, step))
    v_hat = v / (1 - np.power(beta2, step))
    params -= lr * m_hat / (np.sqrt(v_hat) + eps)
    return [params, m, v]
