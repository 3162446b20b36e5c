"""Correct: collections.Counter and math.log2."""
import math
from collections import Counter


def _h(items):
    n = len(items)
    return -sum(c / n * math.log2(c / n) for c in Counter(items).values()) if n else 0.0


def information_gain(labels, left):
    labels = list(labels)
    left = list(left)
    lefts = [y for y, go in zip(labels, left) if go]
    rights = [y for y, go in zip(labels, left) if not go]
    n = len(labels)
    return _h(labels) - len(lefts) / n * _h(lefts) - len(rights) / n * _h(rights)
