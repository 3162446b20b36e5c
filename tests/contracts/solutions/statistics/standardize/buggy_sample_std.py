"""Buggy: divides by the sample std (ddof=1)."""
import numpy as np


def standardize(X):
    sd = X.std(axis=0, ddof=1)
    return (X - X.mean(axis=0)) / np.where(sd > 0, sd, 1.0)
