"""Correct: (1 + cos(pi p)) / 2 written as cos(pi p / 2) ** 2."""
import math


def warmup_cosine(t, total, warmup, peak, floor=0.0):
    if t < warmup:
        return t / warmup * peak
    if t >= total:
        return float(floor)
    p = (t - warmup) / (total - warmup)
    return floor + (peak - floor) * math.cos(math.pi * p / 2) ** 2
