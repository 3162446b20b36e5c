"""Buggy: column by column, dividing only where std > 0: misses the std of 1e-17
that rounding gives a constant column of 0.1."""
import numpy as np


def standardize(X):
    X = np.asarray(X, dtype=float)
    Z = np.zeros_like(X)
    for j in range(X.shape[1]):
        col = X[:, j]
        s = col.std()
        if s > 0:
            Z[:, j] = (col - col.mean()) / s
    return Z
