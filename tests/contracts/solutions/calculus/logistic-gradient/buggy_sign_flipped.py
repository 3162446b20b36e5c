"""Buggy: y - p instead of p - y (the ascent direction)."""
from scipy.special import expit


def logistic_grad(X, y, w, b):
    r = y - expit(X @ w + b)
    return X.T @ r / len(y), float(r.mean())
