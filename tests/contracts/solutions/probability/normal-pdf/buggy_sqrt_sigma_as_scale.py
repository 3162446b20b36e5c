"""Buggy: treats sigma as a variance and passes its square root as scipy's scale."""
import numpy as np
from scipy.stats import norm


def normal_pdf(x, mu, sigma):
    return norm.pdf(x, loc=mu, scale=np.sqrt(sigma))
