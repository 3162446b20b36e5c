"""Buggy: sums over the elements instead of averaging."""
import numpy as np


def bce(y_true, y_pred):
    p = np.clip(y_pred, 1e-15, 1 - 1e-15)
    return float(-np.sum(y_true * np.log(p) + (1 - y_true) * np.log(1 - p)))
