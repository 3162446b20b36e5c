"""Buggy: rounds to four decimals, like the lesson's 0.1667."""


def posterior(prior, sensitivity, false_positive_rate):
    tp = prior * sensitivity
    return round(tp / (tp + (1 - prior) * false_positive_rate), 4)
