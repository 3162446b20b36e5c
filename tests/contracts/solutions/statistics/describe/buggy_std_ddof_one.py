"""Buggy: the population variance, but pandas-style sample std (ddof=1)."""
import numpy as np


def describe(data):
    data = np.asarray(data, dtype=float)
    return {"mean": data.mean(), "median": float(np.median(data)), "var": data.var(),
            "std": data.std(ddof=1)}
