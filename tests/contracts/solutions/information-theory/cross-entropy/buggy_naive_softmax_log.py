"""Buggy: softmax without the max shift, then log."""
import numpy as np


def cross_entropy(logits, targets):
    e = np.exp(logits)
    p = e / e.sum(axis=1, keepdims=True)
    return float(-np.mean(np.log(p[np.arange(len(targets)), targets])))
