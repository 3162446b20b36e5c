"""Correct: a neuron at a time, in loops."""
import numpy as np


def dense(X, W, b):
    n, d = X.shape
    k = W.shape[1]
    out = np.zeros((n, k))
    for i in range(n):
        for j in range(k):
            z = b[j]
            for p in range(d):
                z += X[i, p] * W[p, j]
            out[i, j] = z
    return out
