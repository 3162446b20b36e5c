"""Correct: log1p(-p) for log(1 - p), clipped with eps = 1e-9."""
import numpy as np


def bce(y_true, y_pred):
    p = np.clip(np.asarray(y_pred, dtype=float), 1e-9, 1 - 1e-9)
    y = np.asarray(y_true, dtype=float)
    return -np.mean(y * np.log(p) + (1 - y) * np.log1p(-p))
