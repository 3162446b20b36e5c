"""Buggy: the forbidden scipy.linalg.inv through a module alias."""
import numpy as np
import scipy.linalg as sla


def normal_equation(X, y):
    A = np.column_stack([X, np.ones(len(X))])
    return sla.inv(A.T @ A) @ A.T @ y
