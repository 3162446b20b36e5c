"""Buggy: passes sigma squared as scipy's scale (scale is the standard deviation)."""
from scipy.stats import norm


def normal_pdf(x, mu, sigma):
    return norm.pdf(x, loc=mu, scale=sigma ** 2)
