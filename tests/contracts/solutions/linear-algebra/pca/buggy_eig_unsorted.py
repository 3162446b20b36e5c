"""Buggy: np.linalg.eig does not sort its eigenvalues; takes the first k as they come."""
import numpy as np


def pca(X, k):
    Xc = X - X.mean(axis=0)
    vals, vecs = np.linalg.eig(np.cov(Xc, rowvar=False))
    vals, vecs = vals.real, vecs.real
    return vecs[:, :k].T, vals[:k] / vals.sum()
