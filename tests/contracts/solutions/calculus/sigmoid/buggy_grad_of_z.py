"""Buggy: sigmoid_grad applies s(1 - s) to z instead of to sigmoid(z)."""
import numpy as np


def sigmoid(z):
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))


def sigmoid_grad(z):
    return z * (1 - z)
