"""Buggy: exp(-z^2) instead of exp(-z^2 / 2)."""
import numpy as np


def normal_pdf(x, mu, sigma):
    z = (x - mu) / sigma
    return np.exp(-z ** 2) / (sigma * np.sqrt(2 * np.pi))
