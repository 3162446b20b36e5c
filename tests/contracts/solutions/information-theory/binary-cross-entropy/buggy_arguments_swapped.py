"""Buggy: treats the predictions as labels and the labels as predictions."""
import numpy as np


def bce(y_true, y_pred):
    p = np.clip(y_true, 1e-15, 1 - 1e-15)
    return float(-np.mean(y_pred * np.log(p) + (1 - y_pred) * np.log(1 - p)))
