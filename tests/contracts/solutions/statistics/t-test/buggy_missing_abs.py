"""Buggy: 2 * sf(t) without abs: p > 1 when t < 0."""
import numpy as np
from scipy import stats


def t_test(a, b):
    na, nb = len(a), len(b)
    sp2 = ((na - 1) * np.var(a, ddof=1) + (nb - 1) * np.var(b, ddof=1)) / (na + nb - 2)
    t = (np.mean(a) - np.mean(b)) / np.sqrt(sp2 * (1 / na + 1 / nb))
    return t, 2 * stats.t.sf(t, na + nb - 2)
