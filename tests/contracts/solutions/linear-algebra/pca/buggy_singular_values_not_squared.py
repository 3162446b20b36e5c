"""Buggy: explained variance from the singular values themselves, not their squares."""
import numpy as np


def pca(X, k):
    Xc = X - X.mean(axis=0)
    _, s, Vt = np.linalg.svd(Xc, full_matrices=False)
    return Vt[:k], s[:k] / s.sum()
