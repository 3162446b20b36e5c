"""Buggy: adds 1e-9 inside the log, which biases every cell."""
import numpy as np


def mutual_information(joint):
    q = np.outer(joint.sum(axis=1), joint.sum(axis=0))
    return float(np.sum(joint * np.log((joint + 1e-3) / (q + 1e-3))))
