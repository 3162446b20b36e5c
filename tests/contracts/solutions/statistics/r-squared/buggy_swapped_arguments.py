"""Buggy: takes SS_tot around the mean of the predictions."""
import numpy as np


def r_squared(y, y_pred):
    ss_res = np.sum((y - y_pred) ** 2)
    ss_tot = np.sum((y_pred - np.mean(y_pred)) ** 2)
    return float(1 - ss_res / ss_tot)
