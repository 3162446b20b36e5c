"""Buggy: sigmoid_grad returns s * s."""
import numpy as np


def sigmoid(z):
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))


def sigmoid_grad(z):
    s = sigmoid(z)
    return s * s
