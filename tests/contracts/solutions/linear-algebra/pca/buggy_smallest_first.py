"""Buggy: eigh sorts ascending; takes the first k, the smallest."""
import numpy as np


def pca(X, k):
    Xc = X - X.mean(axis=0)
    vals, vecs = np.linalg.eigh(Xc.T @ Xc / (len(X) - 1))
    return vecs[:, :k].T, vals[:k] / vals.sum()
