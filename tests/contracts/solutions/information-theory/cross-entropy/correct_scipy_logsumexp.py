"""Correct: scipy.special.logsumexp."""
import numpy as np
from scipy.special import logsumexp


def cross_entropy(logits, targets):
    picked = np.take_along_axis(logits, targets[:, None], axis=1)[:, 0]
    return float(np.mean(logsumexp(logits, axis=1) - picked))
