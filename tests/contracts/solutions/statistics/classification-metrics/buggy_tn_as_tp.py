"""Buggy: counts agreements (TP + TN) as the true positives."""
import numpy as np


def precision_recall_f1(y_true, y_pred):
    t, p = np.asarray(y_true, int), np.asarray(y_pred, int)
    agree = np.sum(t == p)
    precision = agree / len(t)
    recall = np.sum((t == 1) & (p == 1)) / max(np.sum(t == 1), 1)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return float(precision), float(recall), float(f1)
