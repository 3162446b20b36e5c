"""Correct: a loop over the flips, the result as a namedtuple."""
from collections import namedtuple

Posterior = namedtuple("Posterior", "alpha beta mean mode")


def beta_posterior(alpha, beta, flips):
    a, b = float(alpha), float(beta)
    for f in flips:
        if f:
            a += 1
        else:
            b += 1
    return Posterior(a, b, a / (a + b), (a - 1) / (a + b - 2))
