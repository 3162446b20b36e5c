"""Buggy: precision and recall swapped."""
import numpy as np


def precision_recall_f1(y_true, y_pred):
    t, p = np.asarray(y_true, bool), np.asarray(y_pred, bool)
    tp = (t & p).sum()
    precision = tp / t.sum() if t.sum() else 0.0
    recall = tp / p.sum() if p.sum() else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1
