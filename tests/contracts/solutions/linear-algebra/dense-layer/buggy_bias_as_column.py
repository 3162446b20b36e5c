"""Buggy: adds the bias as a column, one value per example instead of per output."""
import numpy as np


def dense(X, W, b):
    out = X @ W
    return out + np.resize(b, out.shape[0])[:, None]
