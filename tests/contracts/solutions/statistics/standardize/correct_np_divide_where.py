"""Correct: np.divide with where=, in place on a centred copy."""
import numpy as np


def standardize(data):
    centred = data - data.mean(axis=0, keepdims=True)
    spread = np.sqrt((centred ** 2).mean(axis=0, keepdims=True))
    np.divide(centred, spread, out=centred, where=spread > 0)
    return centred
