"""Correct: loops over every entry, dL/dW_ij = 2 r_i x_j."""
import numpy as np


def grad_W(W, x, y):
    m, n = W.shape
    r = [sum(W[i, j] * x[j] for j in range(n)) - y[i] for i in range(m)]
    G = np.zeros((m, n))
    for i in range(m):
        for j in range(n):
            G[i, j] = 2 * r[i] * x[j]
    return G
