"""Buggy: F1 as the arithmetic mean of precision and recall."""
import numpy as np


def precision_recall_f1(y_true, y_pred):
    t, p = np.asarray(y_true, bool), np.asarray(y_pred, bool)
    tp = (t & p).sum()
    precision = tp / p.sum() if p.sum() else 0.0
    recall = tp / t.sum() if t.sum() else 0.0
    return precision, recall, (precision + recall) / 2
