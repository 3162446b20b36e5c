"""Correct: the four contracted statistics plus a 'mode' key (every most common value,
since the exam scores tie): extra keys are not part of the contract and are ignored."""
from collections import Counter

import numpy as np


def describe(data):
    x = np.asarray(data, dtype=float)
    counts = Counter(x.tolist())
    top = max(counts.values())
    return {"mean": x.mean(), "median": np.median(x), "var": x.var(), "std": x.std(),
            "mode": sorted(v for v, c in counts.items() if c == top)}
