"""Buggy: divides (x - mu)^2 by 2 sigma instead of 2 sigma^2."""
import numpy as np


def normal_pdf(x, mu, sigma):
    return np.exp(-((x - mu) ** 2) / (2 * sigma)) / (sigma * np.sqrt(2 * np.pi))
