"""Buggy: the difference taken the other way round, f(x - h) - f(x + h)."""


def derivative(f, x, h=1e-5):
    return (f(x - h) - f(x + h)) / (2 * h)
