"""Buggy: uses a fixed step and ignores the h it is given."""


def derivative(f, x, h=1e-5):
    step = 1e-5
    return (f(x + step) - f(x - step)) / (2 * step)
