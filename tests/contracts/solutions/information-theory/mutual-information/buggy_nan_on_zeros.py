"""Buggy: no handling of zero cells; 0 * log(0) gives nan."""
import numpy as np


def mutual_information(joint):
    q = np.outer(joint.sum(axis=1), joint.sum(axis=0))
    return float(np.sum(joint * np.log(joint / q)))
