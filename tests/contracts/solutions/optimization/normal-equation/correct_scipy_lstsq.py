"""Correct: scipy.linalg.lstsq."""
import numpy as np
import scipy.linalg


def normal_equation(features, targets):
    design = np.column_stack([features, np.ones(features.shape[0])])
    coef, _, _, _ = scipy.linalg.lstsq(design, targets)
    return coef
