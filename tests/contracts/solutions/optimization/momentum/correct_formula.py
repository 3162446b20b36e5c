"""Correct: v = beta v + grad, w = w - lr v."""


def momentum_step(w, grad, v, lr, beta=0.9):
    v_new = beta * v + grad
    return w - lr * v_new, v_new
