"""Correct: collections.Counter and a plain sum."""
from collections import Counter


def gini(labels):
    counts = Counter(labels.tolist() if hasattr(labels, "tolist") else labels)
    n = sum(counts.values())
    return 1.0 - sum((c / n) ** 2 for c in counts.values())
