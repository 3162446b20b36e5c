"""Correct: uniform draws below 0.5 are heads."""
import numpy as np


def simulate_heads(batches, flips, generator):
    heads = generator.random((batches, flips)) < 0.5
    return np.count_nonzero(heads, axis=1)
