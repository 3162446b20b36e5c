"""Buggy: sums over the examples instead of averaging."""
from scipy.special import expit


def logistic_grad(X, y, w, b):
    r = expit(X @ w + b) - y
    return X.T @ r, float(r.sum())
