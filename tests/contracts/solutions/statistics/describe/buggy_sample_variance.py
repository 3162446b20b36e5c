"""Buggy: sample variance and std (ddof=1), the contract wants the population ones."""
import numpy as np


def describe(data):
    return {"mean": np.mean(data), "median": np.median(data),
            "var": np.var(data, ddof=1), "std": np.std(data, ddof=1)}
