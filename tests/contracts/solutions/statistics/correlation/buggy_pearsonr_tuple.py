"""Buggy: returns scipy's whole (r, p) result where a single float is expected."""
from scipy import stats


def pearson_r(x, y):
    return tuple(stats.pearsonr(x, y))
