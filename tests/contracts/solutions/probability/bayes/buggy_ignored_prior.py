"""Buggy: leaves out the prior (the base rate fallacy)."""


def posterior(prior, sensitivity, false_positive_rate):
    return sensitivity / (sensitivity + false_positive_rate)
