"""Buggy: takes the middle element without sorting."""
import numpy as np


def describe(data):
    n = len(data)
    median = data[n // 2] if n % 2 else (data[n // 2 - 1] + data[n // 2]) / 2
    return {"mean": np.mean(data), "median": median, "var": np.var(data),
            "std": np.std(data)}
