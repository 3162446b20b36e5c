"""Correct: np.cov (rowvar=False) and np.linalg.eigh, largest first."""
import numpy as np


def pca(X, k):
    C = np.cov(X, rowvar=False)
    vals, vecs = np.linalg.eigh(np.atleast_2d(C))
    order = np.argsort(vals)[::-1]
    return vecs[:, order[:k]].T, vals[order[:k]] / vals.sum()
