"""Buggy: divides by the sum of the top k eigenvalues, not of all of them."""
import numpy as np


def pca(X, k):
    Xc = X - X.mean(axis=0)
    vals, vecs = np.linalg.eigh(Xc.T @ Xc / (len(X) - 1))
    order = np.argsort(vals)[::-1][:k]
    return vecs[:, order].T, vals[order] / vals[order].sum()
