"""Correct: a namedtuple, other parameter names."""
from collections import namedtuple

import numpy as np

Step = namedtuple("Step", "weights velocity")


def momentum_step(params, gradient, velocity, learning_rate, momentum=0.9):
    velocity = momentum * np.asarray(velocity, dtype=float) + gradient
    return Step(params - learning_rate * velocity, velocity)
