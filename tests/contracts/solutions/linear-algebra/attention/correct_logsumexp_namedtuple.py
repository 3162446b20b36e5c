"""Correct: weights from a log-sum-exp, returned as a namedtuple."""
from typing import NamedTuple

import numpy as np
from scipy.special import logsumexp


class Attention(NamedTuple):
    output: np.ndarray
    weights: np.ndarray


def attention(Q, K, V):
    scores = np.matmul(Q, K.T) / np.sqrt(Q.shape[-1])
    weights = np.exp(scores - logsumexp(scores, axis=-1, keepdims=True))
    return Attention(np.matmul(weights, V), weights)
