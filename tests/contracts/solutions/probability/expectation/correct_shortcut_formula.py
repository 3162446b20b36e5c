"""Correct: Var = E[X^2] - E[X]^2, with np.dot (the textbook shortcut)."""
import numpy as np


def expectation(values, probs):
    return np.dot(values, probs)


def variance(values, probs):
    return np.dot(values ** 2, probs) - np.dot(values, probs) ** 2
