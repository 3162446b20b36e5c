"""Correct: functools.reduce over operator.add of the pairwise products."""
import functools
import operator


def dot(a, b):
    return functools.reduce(operator.add, map(operator.mul, a, b), 0.0)
