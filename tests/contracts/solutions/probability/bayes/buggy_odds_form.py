"""Buggy: odds form, prior odds times the likelihood ratio; divides by zero when the
false positive rate is 0 or the prior is 1."""


def posterior(prior, sensitivity, false_positive_rate):
    odds = prior / (1 - prior) * sensitivity / false_positive_rate
    return odds / (1 + odds)
