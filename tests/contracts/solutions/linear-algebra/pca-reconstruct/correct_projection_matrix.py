"""Correct: the projection matrix P = V V^T, scipy's eigh with subset_by_index."""
import numpy as np
from scipy.linalg import eigh


def pca_reconstruct(X, k):
    X = np.asarray(X, dtype=np.float64)
    d = X.shape[1]
    mu = np.mean(X, axis=0, keepdims=True)
    C = (X - mu).T @ (X - mu) / len(X)
    _, V = eigh(C, subset_by_index=[d - k, d - 1])
    P = V @ V.T
    return (X - mu) @ P + mu
