"""Buggy: the probability that a negative outscores a positive."""
import numpy as np


def roc_auc(y_true, scores):
    y = np.asarray(y_true).astype(bool)
    s = np.asarray(scores, dtype=float)
    diff = s[~y][:, None] - s[y][None, :]
    return float(np.mean((diff > 0) + 0.5 * (diff == 0)))
