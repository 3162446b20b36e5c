"""Buggy: adds the sum of the biases to every output."""


def dense(X, W, b):
    return X @ W + b.sum()
