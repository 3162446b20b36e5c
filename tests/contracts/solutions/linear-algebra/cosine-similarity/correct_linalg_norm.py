"""Correct: np.linalg.norm for the lengths."""
import numpy as np


def cosine_similarity(a, b):
    return float(np.sum(a * b) / (np.linalg.norm(a) * np.linalg.norm(b)))
