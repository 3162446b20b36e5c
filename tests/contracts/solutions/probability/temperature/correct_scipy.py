"""Correct: scipy.special.softmax of z / T."""
from scipy.special import softmax


def softmax_t(z, T):
    return softmax(z / T, axis=-1)
