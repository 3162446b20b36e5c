"""Buggy: leaves out the std key ("it is just the root of var")."""
import numpy as np


def describe(data):
    x = np.asarray(data, dtype=float)
    return {"mean": x.mean(), "median": np.median(x), "var": x.var()}
