"""Buggy: divides the central difference by h instead of 2h."""


def derivative(f, x, h=1e-5):
    return (f(x + h) - f(x - h)) / h
