"""Buggy: names the keys "variance" and "stdev" instead of the contract's."""
import numpy as np


def describe(data):
    return {"mean": np.mean(data), "median": np.median(data),
            "variance": np.var(data), "stdev": np.std(data)}
