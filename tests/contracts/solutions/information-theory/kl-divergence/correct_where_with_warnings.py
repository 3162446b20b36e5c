"""Correct: np.where over all terms; numpy warns about log(0) and 0 * inf in the unused
branch (RuntimeWarnings that are not overflows), the result is right."""
import numpy as np


def kl_divergence(p, q):
    return float(np.sum(np.where(p > 0, p * np.log(p / q), 0.0)))
