"""Correct: sum over len with Python's true division."""


def mle_bernoulli(flips):
    return sum(flips) / len(flips)
