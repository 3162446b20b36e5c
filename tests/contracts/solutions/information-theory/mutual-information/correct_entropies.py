"""Correct: H(X) + H(Y) - H(X, Y) with scipy.stats.entropy (which skips zeros)."""
import numpy as np
from scipy.stats import entropy


def mutual_information(joint):
    joint = np.asarray(joint, dtype=float)
    return entropy(joint.sum(axis=1)) + entropy(joint.sum(axis=0)) - entropy(joint.ravel())
