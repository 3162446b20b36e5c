"""Buggy: the default beta is 0.99, not 0.9."""


def momentum_step(w, grad, v, lr, beta=0.99):
    v = beta * v + grad
    return w - lr * v, v
