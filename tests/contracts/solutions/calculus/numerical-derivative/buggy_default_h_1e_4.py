"""Buggy: the default step is 1e-4 (as in some popular books), not the contract's 1e-5."""


def derivative(f, x, h=1e-4):
    return (f(x + h) - f(x - h)) / (2 * h)
