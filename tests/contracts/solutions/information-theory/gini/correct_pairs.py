"""Correct: the probability that two draws with replacement differ, by broadcasting."""
import numpy as np


def gini(y):
    y = np.asarray(y)
    return float(np.mean(y[:, None] != y[None, :]))
