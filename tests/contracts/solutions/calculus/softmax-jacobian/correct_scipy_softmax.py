"""Correct: scipy's softmax and broadcasting against the identity."""
import numpy as np
from scipy.special import softmax


def softmax_jacobian(z):
    s = softmax(np.asarray(z, dtype=float))
    return s[:, None] * (np.eye(len(s)) - s[None, :])
