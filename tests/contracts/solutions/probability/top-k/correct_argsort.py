"""Correct: argsort for the top k, a stable softmax over them."""
import numpy as np


def top_k_probs(logits, k):
    z = np.asarray(logits, dtype=float)
    top = np.argsort(z)[-k:]
    e = np.exp(z[top] - np.max(z[top]))
    out = np.zeros(len(z))
    out[top] = e / np.sum(e)
    return out
