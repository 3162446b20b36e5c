"""Buggy: exp(z) / (1 + exp(z)) gives inf / inf = NaN for large z."""
import numpy as np


def sigmoid(z):
    e = np.exp(z)
    return e / (1 + e)


def sigmoid_grad(z):
    s = sigmoid(z)
    return s * (1 - s)
