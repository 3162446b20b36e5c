"""Correct: np.linalg.eig (unordered) on the population covariance (ddof=0 does not
change the eigenvectors or the ratios), sorted by hand, returned as a namedtuple."""
from collections import namedtuple

import numpy as np

PCAResult = namedtuple("PCAResult", "components ratios")


def pca(data, n_components):
    centred = data - np.mean(data, axis=0, keepdims=True)
    cov = centred.T @ centred / len(data)
    values, vectors = np.linalg.eig(cov)
    values, vectors = values.real, vectors.real
    idx = np.argsort(-values)
    vectors = vectors[:, idx] / np.linalg.norm(vectors[:, idx], axis=0)
    return PCAResult(vectors[:, :n_components].T, values[idx][:n_components] / values.sum())
