"""Correct: one row at a time with math."""
import math


def cross_entropy(logits, targets):
    total = 0.0
    for row, t in zip(logits, targets):
        m = max(row)
        lse = m + math.log(sum(math.exp(v - m) for v in row))
        total += lse - row[int(t)]
    return total / len(targets)
