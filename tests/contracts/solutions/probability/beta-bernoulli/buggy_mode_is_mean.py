"""Buggy: reports the posterior mean as its mode."""
import numpy as np


def beta_posterior(alpha, beta, flips):
    h = np.sum(flips)
    a, b = alpha + h, beta + len(flips) - h
    m = a / (a + b)
    return a, b, m, m
