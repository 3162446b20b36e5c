"""Buggy: -mean(target logit) without the log-sum-exp."""
import numpy as np


def cross_entropy(logits, targets):
    return float(-np.mean(logits[np.arange(len(targets)), targets]))
