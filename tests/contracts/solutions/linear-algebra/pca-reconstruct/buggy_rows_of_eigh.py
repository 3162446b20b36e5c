"""Buggy: treats the rows of eigh's eigenvector matrix as eigenvectors."""
import numpy as np


def pca_reconstruct(X, k):
    mu = X.mean(axis=0)
    vals, vecs = np.linalg.eigh(np.cov(X, rowvar=False))
    order = np.argsort(vals)[::-1]
    V = vecs[order[:k], :]
    return mu + (X - mu) @ V.T @ V
