"""Buggy: Welch's test (unpooled variances), not the pooled test."""
from scipy import stats


def t_test(a, b):
    r = stats.ttest_ind(a, b, equal_var=False)
    return r.statistic, r.pvalue
