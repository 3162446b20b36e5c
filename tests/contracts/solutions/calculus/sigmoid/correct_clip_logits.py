"""Correct: clip the logits to [-500, 500] first (sigmoid is 0 or 1 to double
precision there anyway)."""
import numpy as np


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-np.clip(z, -500, 500)))


def sigmoid_grad(z):
    s = sigmoid(z)
    return s * (1.0 - s)
