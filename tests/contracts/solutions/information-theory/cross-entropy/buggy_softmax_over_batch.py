"""Buggy: normalizes over axis 0, the batch."""
import numpy as np


def cross_entropy(logits, targets):
    z = logits - logits.max(axis=0, keepdims=True)
    logp = z - np.log(np.exp(z).sum(axis=0, keepdims=True))
    return float(-np.mean(logp[np.arange(len(targets)), targets]))
