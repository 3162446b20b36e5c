"""Buggy: the loop starts at 1 and skips the first pair."""


def dot(a, b):
    total = 0.0
    for i in range(1, len(a)):
        total += a[i] * b[i]
    return total
