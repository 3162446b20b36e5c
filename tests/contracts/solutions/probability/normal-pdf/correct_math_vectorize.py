"""Correct: a math-module density applied elementwise with np.vectorize."""
import math

import numpy as np


def _density(v, mu, sigma):
    z = (v - mu) / sigma
    return math.exp(-0.5 * z * z) / (sigma * math.sqrt(2 * math.pi))


def normal_pdf(x, mu, sigma):
    return np.vectorize(_density, otypes=[float])(x, mu, sigma)
