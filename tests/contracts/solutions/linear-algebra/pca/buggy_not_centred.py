"""Buggy: forgets to subtract the mean."""
import numpy as np


def pca(X, k):
    C = X.T @ X / (len(X) - 1)
    vals, vecs = np.linalg.eigh(C)
    order = np.argsort(vals)[::-1]
    return vecs[:, order[:k]].T, vals[order[:k]] / vals.sum()
