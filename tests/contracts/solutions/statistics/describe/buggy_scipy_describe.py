"""Buggy: scipy.stats.describe's variance is the sample (ddof=1) variance."""
import numpy as np
from scipy import stats


def describe(data):
    d = stats.describe(data)
    return {"mean": d.mean, "median": np.median(data), "var": d.variance,
            "std": np.sqrt(d.variance)}
