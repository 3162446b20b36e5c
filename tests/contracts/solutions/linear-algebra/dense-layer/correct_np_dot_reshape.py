"""Correct: np.dot with the bias as an explicit row."""
import numpy as np


def dense(inputs, weights, bias):
    return np.dot(inputs, weights) + np.reshape(bias, (1, -1))
