"""Buggy: eps = 1e-3 is outside the allowed [1e-15, 1e-6]."""
import numpy as np


def bce(y_true, y_pred):
    p = np.clip(y_pred, 1e-3, 1 - 1e-3)
    return float(-np.mean(y_true * np.log(p) + (1 - y_true) * np.log(1 - p)))
