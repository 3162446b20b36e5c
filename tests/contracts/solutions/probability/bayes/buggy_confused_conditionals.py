"""Buggy: returns P(positive | condition), the sensitivity."""


def posterior(prior, sensitivity, false_positive_rate):
    return sensitivity
