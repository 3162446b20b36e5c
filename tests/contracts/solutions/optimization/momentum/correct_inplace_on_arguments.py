"""Correct: updates its (copied) arguments in place and returns them."""


def momentum_step(w, grad, v, lr, beta=0.9):
    v *= beta
    v += grad
    w -= lr * v
    return w, v
