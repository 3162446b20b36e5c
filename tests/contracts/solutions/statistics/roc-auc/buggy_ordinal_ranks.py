"""Buggy: ranks from argsort, so tied scores get different ranks."""
import numpy as np


def roc_auc(y_true, scores):
    y = np.asarray(y_true) == 1
    ranks = np.argsort(np.argsort(scores)) + 1
    n_pos, n_neg = y.sum(), len(y) - y.sum()
    return (ranks[y].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg)
