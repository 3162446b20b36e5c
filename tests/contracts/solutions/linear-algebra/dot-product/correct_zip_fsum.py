"""Correct: math.fsum over zip, other parameter names."""
import math


def dot(u, v):
    return math.fsum(x * y for x, y in zip(u, v))
