"""Correct: subtract the max first, then divide by T (same result for T > 0)."""
import numpy as np


def softmax_t(logits, temperature):
    shifted = logits - np.max(logits, axis=-1, keepdims=True)
    e = np.exp(shifted / temperature)
    return e / np.sum(e, axis=-1, keepdims=True)
