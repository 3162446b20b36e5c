"""Correct: a one-hot matrix times scipy's log_softmax."""
import numpy as np
from scipy.special import log_softmax


def cross_entropy(scores, labels):
    n, c = scores.shape
    one_hot = np.eye(c)[labels]
    return -np.sum(one_hot * log_softmax(scores, axis=1)) / n
