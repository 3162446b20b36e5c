"""Buggy: v = beta v + (1 - beta) grad, the EMA form."""


def momentum_step(w, grad, v, lr, beta=0.9):
    v = beta * v + (1 - beta) * grad
    return w - lr * v, v
