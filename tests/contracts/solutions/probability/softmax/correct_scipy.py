"""Correct: scipy.special.softmax over the last axis."""
from scipy import special


def softmax(logits):
    return special.softmax(logits, axis=-1)
