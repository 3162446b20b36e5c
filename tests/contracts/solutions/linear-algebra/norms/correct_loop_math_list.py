"""Correct: a loop with math, returned as a list of two floats."""
import math


def norms(vector):
    l1 = 0.0
    sq = 0.0
    for x in vector:
        l1 += abs(x)
        sq += x * x
    return [l1, math.sqrt(sq)]
