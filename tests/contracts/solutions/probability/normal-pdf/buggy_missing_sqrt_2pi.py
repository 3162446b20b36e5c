"""Buggy: the density without its 1/sqrt(2 pi) constant."""
import numpy as np


def normal_pdf(x, mu, sigma):
    x = np.asarray(x, dtype=float)
    return np.exp(-0.5 * ((x - mu) / sigma) ** 2) / sigma
