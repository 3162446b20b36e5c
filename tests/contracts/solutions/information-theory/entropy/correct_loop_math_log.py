"""Correct: a loop with math.log(x, base), skipping zeros."""
import math


def entropy(probs, base=2):
    h = 0.0
    for x in probs:
        if x > 0:
            h -= x * math.log(x, base)
    return h
