"""Correct: sums of squares, p from the cdf, returned as a list."""
import math

from scipy.stats import t as student_t


def t_test(x, y):
    nx, ny = len(x), len(y)
    mx, my = sum(x) / nx, sum(y) / ny
    ss = sum((v - mx) ** 2 for v in x) + sum((v - my) ** 2 for v in y)
    df = nx + ny - 2
    se = math.sqrt(ss / df * (1 / nx + 1 / ny))
    t = (mx - my) / se
    return [t, 2 * (1 - student_t.cdf(abs(t), df))]
