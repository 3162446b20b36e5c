"""Buggy: np.divide with where=spread > 0: a constant column of 0.1 has spread 1e-17."""
import numpy as np


def standardize(data):
    centred = data - data.mean(axis=0, keepdims=True)
    spread = np.sqrt((centred ** 2).mean(axis=0, keepdims=True))
    np.divide(centred, spread, out=centred, where=spread > 0)
    return centred
