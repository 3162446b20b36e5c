"""Correct: scipy.stats.zscore, with the NaNs of constant columns set to 0."""
import numpy as np
from scipy import stats


def standardize(X):
    with np.errstate(invalid="ignore", divide="ignore"):
        Z = stats.zscore(X, axis=0)
    return np.nan_to_num(Z, nan=0.0)
