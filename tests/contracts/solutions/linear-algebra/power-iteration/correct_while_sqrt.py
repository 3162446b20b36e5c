"""Correct: a while loop, norms by hand, returns a list and a numpy scalar."""
import numpy as np


def power_iteration(matrix, start, n_steps):
    vec = np.array(start, dtype=np.float64)
    vec = vec / np.sqrt(np.sum(vec ** 2))
    step = 0
    while step < n_steps:
        nxt = np.dot(matrix, vec)
        vec = nxt / np.sqrt(np.sum(nxt ** 2))
        step += 1
    return [np.dot(vec, np.dot(matrix, vec)), vec]
