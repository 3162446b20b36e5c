"""Buggy: returns SS_res / SS_tot."""
import numpy as np


def r_squared(y, y_pred):
    return float(np.sum((y - y_pred) ** 2) / np.sum((y - np.mean(y)) ** 2))
