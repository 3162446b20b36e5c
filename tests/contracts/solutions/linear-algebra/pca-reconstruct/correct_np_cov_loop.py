"""Correct: np.cov and eigh, then a sample-by-sample loop."""
import numpy as np


def pca_reconstruct(data, n_components):
    data = np.asarray(data, dtype=float)
    mean = data.mean(axis=0)
    vals, vecs = np.linalg.eigh(np.cov(data, rowvar=False))
    top = vecs[:, np.argsort(vals)[::-1][:n_components]]
    out = np.empty_like(data)
    for i, row in enumerate(data):
        coords = top.T @ (row - mean)
        out[i] = mean + top @ coords
    return out
