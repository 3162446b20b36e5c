"""Buggy: softmax without the max shift overflows on large logits."""
import numpy as np


def perplexity(logits, targets):
    e = np.exp(logits)
    p = e / e.sum(axis=1, keepdims=True)
    return np.exp(-np.mean(np.log(p[np.arange(len(targets)), targets])))
