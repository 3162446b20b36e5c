"""Buggy: returns the eigenvectors as columns, shape (d, k)."""
import numpy as np


def pca(X, k):
    Xc = X - X.mean(axis=0)
    vals, vecs = np.linalg.eigh(Xc.T @ Xc / (len(X) - 1))
    order = np.argsort(vals)[::-1]
    return vecs[:, order[:k]], vals[order[:k]] / vals.sum()
