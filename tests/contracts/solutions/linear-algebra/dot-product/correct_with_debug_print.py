"""Correct: a learner who left debugging prints in (stdout is not the result)."""
import numpy as np


def dot(a, b):
    print("a =", a, "b =", b)
    products = np.multiply(a, b)
    print("products:", products)
    return float(products.sum())
