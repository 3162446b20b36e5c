"""Correct: plain loops and math.sqrt."""
import math


def cosine_similarity(a, b):
    ab = aa = bb = 0.0
    for x, y in zip(a, b):
        ab += x * y
        aa += x * x
        bb += y * y
    return ab / (math.sqrt(aa) * math.sqrt(bb))
