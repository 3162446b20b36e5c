"""Buggy: no clipping; log(0) gives -inf and 0 * -inf gives NaN."""
import numpy as np


def bce(y_true, y_pred):
    return float(-np.mean(y_true * np.log(y_pred) + (1 - y_true) * np.log(1 - y_pred)))
