"""Correct: scipy.stats.bootstrap with the percentile method, drawing from rng."""
import numpy as np
from scipy import stats


def bootstrap_ci(data, n_boot, confidence, rng):
    result = stats.bootstrap((np.asarray(data, dtype=float),), np.mean, n_resamples=n_boot,
                             confidence_level=confidence, method="percentile", rng=rng)
    return result.confidence_interval
