"""Buggy: adds eps = 1e-7 inside the logs instead of clipping: log(1e-4 + 1e-7) differs
from log(1e-4) by 1e-3, so confident predictions get the wrong loss."""
import numpy as np


def bce(y_true, y_pred):
    eps = 1e-7
    return float(-np.mean(y_true * np.log(y_pred + eps) + (1 - y_true) * np.log(1 - y_pred + eps)))
