"""Correct: SVD of the centred data; ratios from the squared singular values."""
import numpy as np


def pca(X, k):
    Xc = X - X.mean(axis=0)
    _, s, Vt = np.linalg.svd(Xc, full_matrices=False)
    var = s ** 2
    return Vt[:k], var[:k] / var.sum()
