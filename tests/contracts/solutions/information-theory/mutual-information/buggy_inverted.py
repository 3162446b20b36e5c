"""Buggy: log(p(x)p(y) / p(x,y)), the negative of the answer."""
import numpy as np


def mutual_information(joint):
    q = np.outer(joint.sum(axis=1), joint.sum(axis=0))
    nz = joint > 0
    return float(np.sum(joint[nz] * np.log(q[nz] / joint[nz])))
