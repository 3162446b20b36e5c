"""Correct: a 2x2 confusion matrix with np.add.at, returned as a list."""
import numpy as np


def precision_recall_f1(y_true, y_pred):
    cm = np.zeros((2, 2), dtype=int)
    np.add.at(cm, (np.asarray(y_true, dtype=int), np.asarray(y_pred, dtype=int)), 1)
    (tn, fp), (fn, tp) = cm
    with np.errstate(invalid="ignore", divide="ignore"):
        precision = np.nan_to_num(tp / (tp + fp))
        recall = np.nan_to_num(tp / (tp + fn))
        f1 = np.nan_to_num(2 * tp / (2 * tp + fp + fn))
    return [precision, recall, f1]
