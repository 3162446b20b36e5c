"""Correct: exp(z - logsumexp(z))."""
import numpy as np
from scipy.special import logsumexp


def softmax(z):
    return np.exp(z - logsumexp(z, axis=-1, keepdims=True))
