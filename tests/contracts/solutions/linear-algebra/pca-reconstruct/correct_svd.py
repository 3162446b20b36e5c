"""Correct: SVD of the centred data; the rows of Vt are the components."""
import numpy as np


def pca_reconstruct(X, k):
    mean = X.mean(axis=0)
    U, s, Vt = np.linalg.svd(X - mean, full_matrices=False)
    return mean + (U[:, :k] * s[:k]) @ Vt[:k]
