"""Buggy: moves w with the old velocity."""


def momentum_step(w, grad, v, lr, beta=0.9):
    w_new = w - lr * v
    return w_new, beta * v + grad
