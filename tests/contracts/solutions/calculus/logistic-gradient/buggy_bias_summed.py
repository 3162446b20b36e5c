"""Buggy: dw averaged, db summed."""
from scipy.special import expit


def logistic_grad(X, y, w, b):
    r = expit(X @ w + b) - y
    return X.T @ r / len(y), float(r.sum())
