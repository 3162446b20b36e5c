"""Correct: a plain tuple of scipy's statistic and p-value, explicit equal_var."""
from scipy.stats import ttest_ind


def t_test(a, b):
    res = ttest_ind(a, b, equal_var=True)
    return (res.statistic, res.pvalue)
