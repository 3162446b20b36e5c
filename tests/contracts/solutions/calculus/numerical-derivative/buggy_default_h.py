"""Buggy: the default step is 0.01, not the contract's 1e-5."""


def derivative(f, x, h=0.01):
    return (f(x + h) - f(x - h)) / (2 * h)
