"""Correct: by hand, with a sorted copy for the median."""
import math


def describe(sample):
    n = len(sample)
    mean = sum(sample) / n
    s = sorted(sample)
    mid = n // 2
    median = s[mid] if n % 2 else (s[mid - 1] + s[mid]) / 2
    var = sum((x - mean) ** 2 for x in sample) / n
    return dict(mean=mean, median=median, var=var, std=math.sqrt(var))
