"""Correct: np.where with the warnings of the unused branch silenced."""
import numpy as np


def kl_divergence(p, q):
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = np.where(p > 0, p * np.log(p / q), 0.0)
    return float(terms.sum())
