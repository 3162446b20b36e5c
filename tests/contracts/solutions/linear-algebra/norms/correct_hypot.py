"""Correct: math.hypot takes any number of coordinates (Python 3.8+)."""
import math


def norms(v):
    return (float(sum(abs(x) for x in v)), math.hypot(*v))
