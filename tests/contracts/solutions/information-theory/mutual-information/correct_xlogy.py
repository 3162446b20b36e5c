"""Correct: scipy.special.xlogy handles 0 log 0 = 0; np.where avoids 0/0."""
import numpy as np
from scipy.special import xlogy


def mutual_information(p):
    p = np.asarray(p, dtype=np.float64)
    indep = np.outer(p.sum(1), p.sum(0))
    ratio = np.where(p > 0, p / np.where(indep > 0, indep, 1.0), 1.0)
    return float(np.sum(xlogy(p, ratio)))
