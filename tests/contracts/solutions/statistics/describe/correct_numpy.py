"""Correct: numpy's mean, median, var and std (ddof=0 by default)."""
import numpy as np


def describe(data):
    return {"mean": np.mean(data), "median": np.median(data),
            "var": np.var(data), "std": np.std(data)}
