"""Correct: true positives over all positives."""


def posterior(prior, sensitivity, false_positive_rate):
    tp = prior * sensitivity
    fp = (1 - prior) * false_positive_rate
    return tp / (tp + fp)
