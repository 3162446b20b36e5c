"""Buggy: reconstructs the centred data, never adds the mean back."""
import numpy as np


def pca_reconstruct(X, k):
    Xc = X - X.mean(axis=0)
    U, s, Vt = np.linalg.svd(Xc, full_matrices=False)
    return Xc @ Vt[:k].T @ Vt[:k]
