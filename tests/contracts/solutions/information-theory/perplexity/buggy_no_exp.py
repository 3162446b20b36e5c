"""Buggy: returns the cross-entropy, forgot the exponential."""
import numpy as np
from scipy.special import logsumexp


def perplexity(logits, targets):
    return np.mean(logsumexp(logits, axis=1) - logits[np.arange(len(targets)), targets])
