"""Correct: other parameter names, intermediate variables, a float result."""


def derivative(func, at, step=1e-5):
    right = func(at + step)
    left = func(at - step)
    rise = right - left
    run = 2.0 * step
    return float(rise / run)
