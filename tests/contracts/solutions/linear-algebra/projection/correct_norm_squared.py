"""Correct: divides by the squared norm, via a unit vector."""
import numpy as np


def project(vec, onto):
    vec = np.asarray(vec, dtype=np.float64)
    onto = np.asarray(onto, dtype=np.float64)
    u = onto / np.linalg.norm(onto)
    return (vec @ u) * u
