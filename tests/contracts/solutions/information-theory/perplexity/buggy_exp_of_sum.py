"""Buggy: exponential of the summed loss."""
import numpy as np
from scipy.special import logsumexp


def perplexity(logits, targets):
    return np.exp(np.sum(logsumexp(logits, axis=1) - logits[np.arange(len(targets)), targets]))
