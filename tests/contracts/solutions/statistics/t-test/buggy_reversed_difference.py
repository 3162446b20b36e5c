"""Buggy: mean(b) - mean(a), the sign of t flipped."""
from scipy import stats


def t_test(a, b):
    r = stats.ttest_ind(b, a)
    return r.statistic, r.pvalue
