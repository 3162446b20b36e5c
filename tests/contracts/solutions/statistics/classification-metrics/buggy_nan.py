"""Buggy: no zero-division guard: nan when nothing is predicted positive."""
import numpy as np


def precision_recall_f1(y_true, y_pred):
    t, p = np.asarray(y_true, bool), np.asarray(y_pred, bool)
    tp = np.sum(t & p)
    precision = tp / np.sum(p)
    recall = tp / np.sum(t)
    return precision, recall, 2 * precision * recall / (precision + recall)
