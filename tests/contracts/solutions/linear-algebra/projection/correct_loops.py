"""Correct: plain Python loops, returns a list."""


def project(a, b):
    ab = 0.0
    bb = 0.0
    for x, y in zip(a, b):
        ab += x * y
        bb += y * y
    return [ab / bb * y for y in b]
