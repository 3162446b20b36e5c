"""Correct: the loss in bits with base-2 exponent (same number)."""
import math

import numpy as np


def perplexity(logits, targets):
    total_bits = 0.0
    for row, t in zip(np.asarray(logits, dtype=float), targets):
        m = row.max()
        lse = m + math.log(np.exp(row - m).sum())
        total_bits += (lse - row[int(t)]) / math.log(2)
    return 2.0 ** (total_bits / len(targets))
