"""Buggy: uses the forbidden @ operator."""


def dot(a, b):
    return float(a @ b)
