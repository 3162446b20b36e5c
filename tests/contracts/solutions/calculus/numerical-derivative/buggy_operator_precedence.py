"""Buggy: / 2 * h multiplies by h instead of dividing by 2h."""


def derivative(f, x, h=1e-5):
    return (f(x + h) - f(x - h)) / 2 * h
