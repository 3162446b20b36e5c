"""Correct: a loop with math.log, skipping p_i = 0."""
import math


def kl_divergence(p, q):
    total = 0.0
    for pi, qi in zip(p, q):
        if pi > 0:
            total += pi * (math.log(pi) - math.log(qi))
    return total
