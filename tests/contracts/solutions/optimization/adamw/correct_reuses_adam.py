"""Correct: an Adam helper plus the decay, as a tuple built from a list."""
import numpy as np


def _adam_moments(grad, m, v, t, beta1, beta2):
    m = beta1 * m + (1 - beta1) * grad
    v = beta2 * v + (1 - beta2) * grad ** 2
    return m, v, m / (1 - beta1 ** t), v / (1 - beta2 ** t)


def adamw_step(w, grad, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8,
               weight_decay=0.01):
    m, v, m_hat, v_hat = _adam_moments(grad, m, v, t, beta1, beta2)
    decay = lr * weight_decay * w
    update = lr * m_hat / (np.sqrt(v_hat) + eps)
    return tuple([w - decay - update, m, v])
