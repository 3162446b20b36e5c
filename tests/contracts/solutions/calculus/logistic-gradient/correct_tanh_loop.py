"""Correct: per-example loop, sigmoid written with tanh (never overflows)."""
import math

import numpy as np


def logistic_grad(features, labels, weights, bias):
    n, d = features.shape
    dw = np.zeros(d)
    db = 0.0
    for i in range(n):
        z = float(features[i] @ weights) + bias
        p = 0.5 * (1.0 + math.tanh(0.5 * z))
        dw += (p - labels[i]) * features[i]
        db += p - labels[i]
    return dw / n, db / n
