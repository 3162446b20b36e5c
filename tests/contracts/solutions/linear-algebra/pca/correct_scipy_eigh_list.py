"""Correct: scipy.linalg.eigh, reversed; returned as a list."""
import numpy as np
import scipy.linalg


def pca(X, k):
    X = np.asarray(X, dtype=float)
    Xc = X - X.mean(0)
    vals, vecs = scipy.linalg.eigh(Xc.T @ Xc / (len(X) - 1))
    vals, vecs = vals[::-1], vecs[:, ::-1]
    return [vecs[:, :k].T.copy(), vals[:k] / np.sum(vals)]
