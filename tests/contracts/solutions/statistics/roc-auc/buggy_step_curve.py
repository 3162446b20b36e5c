"""Buggy: a ROC curve point per example in sorted order, area as steps (ties split)."""
import numpy as np


def roc_auc(y_true, scores):
    y = np.asarray(y_true)[np.argsort(-np.asarray(scores, dtype=float), kind="stable")]
    tpr = np.cumsum(y == 1) / np.sum(y == 1)
    fpr = np.cumsum(y == 0) / np.sum(y == 0)
    return float(np.sum(np.diff(np.r_[0.0, fpr]) * tpr))
