"""Correct: standard normal density of z, divided by sigma."""
import numpy as np

INV_SQRT_2PI = 1.0 / np.sqrt(2.0 * np.pi)


def normal_pdf(value, mean, std):
    z = (np.asarray(value, dtype=float) - mean) / std
    return INV_SQRT_2PI * np.exp(-z ** 2 / 2) / std
