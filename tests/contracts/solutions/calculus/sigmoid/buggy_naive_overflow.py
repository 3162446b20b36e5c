"""Buggy: 1 / (1 + exp(-z)) warns about overflow for z = -1000."""
import numpy as np


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def sigmoid_grad(z):
    s = sigmoid(z)
    return s * (1 - s)
