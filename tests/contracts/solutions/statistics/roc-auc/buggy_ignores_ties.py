"""Buggy: a tie counts as a loss."""
import numpy as np


def roc_auc(y_true, scores):
    y = np.asarray(y_true).astype(bool)
    s = np.asarray(scores, dtype=float)
    return float(np.mean(s[y][:, None] > s[~y][None, :]))
