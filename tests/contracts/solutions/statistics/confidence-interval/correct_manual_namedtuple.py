"""Correct: a manual sample standard deviation, the isf form, a namedtuple."""
import math
from collections import namedtuple

from scipy.stats import t as student_t

Interval = namedtuple("Interval", "mean low high")


def mean_ci(data, confidence=0.95):
    xs = [float(v) for v in data]
    n = len(xs)
    mean = sum(xs) / n
    s = math.sqrt(sum((x - mean) ** 2 for x in xs) / (n - 1))
    half = student_t.isf((1 - confidence) / 2, n - 1) * s / math.sqrt(n)
    return Interval(mean, mean - half, mean + half)
