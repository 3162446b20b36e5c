"""Buggy: v = beta v + lr grad, w = w - v (another convention; v differs)."""


def momentum_step(w, grad, v, lr, beta=0.9):
    v = beta * v + lr * grad
    return w - v, v
