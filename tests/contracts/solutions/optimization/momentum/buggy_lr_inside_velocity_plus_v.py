"""Buggy: v = beta v - lr grad, w = w + v (the step stored in the velocity; v differs)."""


def momentum_step(w, grad, v, lr, beta=0.9):
    v = beta * v - lr * grad
    return w + v, v
