"""Buggy: squares Pearson's r, which equals R^2 only for least-squares fits."""
import numpy as np


def r_squared(y, y_pred):
    return float(np.corrcoef(y, y_pred)[0, 1] ** 2)
