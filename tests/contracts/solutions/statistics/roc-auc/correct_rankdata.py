"""Correct: the Mann-Whitney U statistic from scipy's average ranks."""
import numpy as np
from scipy.stats import rankdata


def roc_auc(y_true, scores):
    y = np.asarray(y_true) == 1
    ranks = rankdata(scores)
    n_pos, n_neg = y.sum(), (~y).sum()
    u = ranks[y].sum() - n_pos * (n_pos + 1) / 2
    return u / (n_pos * n_neg)
