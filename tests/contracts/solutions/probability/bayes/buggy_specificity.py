"""Buggy: treats the false positive rate as the specificity, using 1 - rate."""


def posterior(prior, sensitivity, false_positive_rate):
    tp = prior * sensitivity
    fp = (1 - prior) * (1 - false_positive_rate)
    return tp / (tp + fp)
