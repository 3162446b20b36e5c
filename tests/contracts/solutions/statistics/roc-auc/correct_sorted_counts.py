"""Correct: for each positive, count the negatives below it and tied with it by
binary search in the sorted negative scores (n log n)."""
import numpy as np


def roc_auc(y_true, scores):
    y = np.asarray(y_true).astype(bool)
    s = np.asarray(scores, dtype=float)
    neg = np.sort(s[~y])
    below = np.searchsorted(neg, s[y], side="left")
    at_or_below = np.searchsorted(neg, s[y], side="right")
    return float(np.sum(below + 0.5 * (at_or_below - below)) / (y.sum() * len(neg)))
