"""Correct: scipy.stats.norm.pdf."""
from scipy.stats import norm


def normal_pdf(x, mu, sigma):
    return norm.pdf(x, loc=mu, scale=sigma)
