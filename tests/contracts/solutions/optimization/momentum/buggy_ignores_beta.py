"""Buggy: the velocity always decays with 0.9, whatever beta is passed."""


def momentum_step(w, grad, v, lr, beta=0.9):
    v = 0.9 * v + grad
    return w - lr * v, v
