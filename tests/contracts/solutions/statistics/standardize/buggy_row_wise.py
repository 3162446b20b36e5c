"""Buggy: standardizes each row instead of each column."""
import numpy as np


def standardize(X):
    mu = X.mean(axis=1, keepdims=True)
    sd = X.std(axis=1, keepdims=True)
    return (X - mu) / np.where(sd > 0, sd, 1.0)
