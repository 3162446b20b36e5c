"""Correct: PyTorch's order: shrink w by (1 - lr wd) first, then the Adam step."""
import math

import numpy as np


def adamw_step(w, grad, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8,
               weight_decay=0.01):
    w = w * (1 - lr * weight_decay)
    m = m * beta1 + (1 - beta1) * grad
    v = v * beta2 + (1 - beta2) * grad * grad
    denom = np.sqrt(v) / math.sqrt(1 - beta2 ** t) + eps
    w = w - (lr / (1 - beta1 ** t)) * m / denom
    return w, m, v
