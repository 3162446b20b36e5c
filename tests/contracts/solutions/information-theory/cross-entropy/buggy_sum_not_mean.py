"""Buggy: sums over the batch."""
import numpy as np
from scipy.special import logsumexp


def cross_entropy(logits, targets):
    return float(np.sum(logsumexp(logits, axis=1) - logits[np.arange(len(targets)), targets]))
