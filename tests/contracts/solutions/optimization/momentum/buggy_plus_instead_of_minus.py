"""Buggy: w + lr v, uphill."""


def momentum_step(w, grad, v, lr, beta=0.9):
    v = beta * v + grad
    return w + lr * v, v
