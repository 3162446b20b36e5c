"""Correct: scipy.special.softmax over the last axis."""
import math

from scipy.special import softmax


def attention(queries, keys, values):
    d_k = queries.shape[-1]
    weights = softmax(queries @ keys.T / math.sqrt(d_k), axis=-1)
    return (weights @ values, weights)
