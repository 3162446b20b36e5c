"""Correct: a float array and a dict built from a table of functions."""
import numpy as np

STATS = {"mean": np.mean, "median": np.median, "var": np.var, "std": np.std}


def describe(data):
    x = np.asarray(data, dtype=np.float64)
    return {name: float(fn(x)) for name, fn in STATS.items()}
