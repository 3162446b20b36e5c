"""Correct: builds the projection matrix b b^T / (b^T b)."""
import numpy as np


def project(a, b):
    b = np.asarray(b, dtype=float).reshape(-1, 1)
    P = b @ b.T / (b.T @ b)
    return P @ np.asarray(a, dtype=float)
