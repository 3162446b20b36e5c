"""Correct: a column whose std is within rounding of 0 is constant; it stays zero."""
import numpy as np


def standardize(X):
    X = np.asarray(X, dtype=float)
    mean = X.mean(axis=0)
    std = X.std(axis=0)
    constant = np.isclose(std, 0.0, atol=1e-10 * np.maximum(1.0, np.abs(mean)))
    return (X - mean) / np.where(constant, 1.0, std)
