"""Buggy: scipy.signal.correlate is not allowed."""
from scipy import signal


def conv1d(x, w):
    return signal.correlate(x, w, mode="valid")
