"""Buggy: no bias at all, the fit is forced through the origin."""
import numpy as np


def ridge(X, y, lam):
    n, d = X.shape
    w = np.linalg.solve(X.T @ X + n * lam * np.eye(d), X.T @ y)
    return np.append(w, 0.0)
