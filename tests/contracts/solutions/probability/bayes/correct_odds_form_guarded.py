"""Correct: the odds form, with the named edge (no false positives) handled first."""


def posterior(prior, sensitivity, false_positive_rate):
    if false_positive_rate == 0:
        return 1.0 if prior * sensitivity > 0 else 0.0
    odds = prior / (1 - prior) * sensitivity / false_positive_rate
    return odds / (1 + odds)
