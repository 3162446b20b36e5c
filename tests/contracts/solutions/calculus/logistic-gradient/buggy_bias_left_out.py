"""Buggy: forgets b inside the sigmoid."""
from scipy.special import expit


def logistic_grad(X, y, w, b):
    r = expit(X @ w) - y
    return X.T @ r / len(y), float(r.mean())
