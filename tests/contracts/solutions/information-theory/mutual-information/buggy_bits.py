"""Buggy: log base 2 (bits, not nats)."""
import numpy as np


def mutual_information(joint):
    q = np.outer(joint.sum(axis=1), joint.sum(axis=0))
    nz = joint > 0
    return float(np.sum(joint[nz] * np.log2(joint[nz] / q[nz])))
