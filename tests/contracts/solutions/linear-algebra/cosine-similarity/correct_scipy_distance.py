"""Correct: one minus scipy's cosine distance."""
from scipy.spatial import distance


def cosine_similarity(a, b):
    return 1.0 - distance.cosine(a, b)
