"""Correct: plain loops; variance calls expectation."""


def expectation(values, probs):
    total = 0.0
    for x, p in zip(values, probs):
        total += x * p
    return total


def variance(values, probs):
    mean = expectation(values, probs)
    total = 0.0
    for x, p in zip(values, probs):
        total += p * (x - mean) ** 2
    return total
