"""Buggy: Var(y_pred) / Var(y), the "explained variance" shortcut."""
import numpy as np


def r_squared(y, y_pred):
    return float(np.var(y_pred) / np.var(y))
