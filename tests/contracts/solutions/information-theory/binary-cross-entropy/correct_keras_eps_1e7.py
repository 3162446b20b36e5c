"""Correct: Keras's epsilon, 1e-7."""
import numpy as np

EPSILON = 1e-7


def bce(y_true, y_pred):
    y_pred = np.clip(y_pred, EPSILON, 1.0 - EPSILON)
    losses = -(y_true * np.log(y_pred) + (1.0 - y_true) * np.log(1.0 - y_pred))
    return float(losses.mean())
