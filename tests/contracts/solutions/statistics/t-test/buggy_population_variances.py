"""Buggy: pools the population (ddof=0) variances with weights n."""
import numpy as np
from scipy import stats


def t_test(a, b):
    na, nb = len(a), len(b)
    sp2 = (na * np.var(a) + nb * np.var(b)) / (na + nb)
    t = (np.mean(a) - np.mean(b)) / np.sqrt(sp2 * (1 / na + 1 / nb))
    return t, 2 * stats.t.sf(abs(t), na + nb - 2)
