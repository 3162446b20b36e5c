"""Correct: np.split of the permutation at multiples of batch_size; one parameter
vector with the bias last."""
import numpy as np


def minibatch_sgd(X, y, lr, epochs, batch_size, seed):
    rng = np.random.default_rng(seed)
    n = len(X)
    A = np.column_stack([X, np.ones(n)])
    theta = np.zeros(A.shape[1])
    losses = np.empty(epochs)
    for e in range(epochs):
        perm = rng.permutation(n)
        for idx in np.split(perm, np.arange(batch_size, n, batch_size)):
            r = A[idx] @ theta - y[idx]
            theta -= lr * 2.0 * A[idx].T @ r / idx.size
        losses[e] = np.mean((A @ theta - y) ** 2)
    return theta[:-1], float(theta[-1]), losses
