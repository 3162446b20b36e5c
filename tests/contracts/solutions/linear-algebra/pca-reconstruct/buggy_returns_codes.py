"""Buggy: returns the (n, k) coordinates instead of the reconstruction."""
import numpy as np


def pca_reconstruct(X, k):
    mu = X.mean(axis=0)
    U, s, Vt = np.linalg.svd(X - mu, full_matrices=False)
    return (X - mu) @ Vt[:k].T
