"""Correct: the ROC curve at every distinct score, then the trapezoid rule."""
import numpy as np


def roc_auc(y_true, scores):
    y = np.asarray(y_true).astype(int)
    s = np.asarray(scores, dtype=float)
    tpr, fpr = [0.0], [0.0]
    for t in np.unique(s)[::-1]:
        flagged = s >= t
        tpr.append(np.sum(flagged & (y == 1)) / np.sum(y == 1))
        fpr.append(np.sum(flagged & (y == 0)) / np.sum(y == 0))
    return float(np.trapezoid(tpr, fpr))
