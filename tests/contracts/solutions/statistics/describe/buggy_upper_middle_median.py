"""Buggy: for an even count, takes the upper middle value instead of the average."""
import numpy as np


def describe(data):
    s = np.sort(data)
    return {"mean": np.mean(s), "median": s[len(s) // 2], "var": np.var(s),
            "std": np.std(s)}
