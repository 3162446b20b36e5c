"""Buggy: odds form, prior odds times the likelihood ratio; divides by zero on the edge
the prompt names, a false positive rate of 0."""


def posterior(prior, sensitivity, false_positive_rate):
    odds = prior / (1 - prior) * sensitivity / false_positive_rate
    return odds / (1 + odds)
