"""Correct: natural frequencies out of a population, numpy scalars."""
import numpy as np


def posterior(prior, sensitivity, false_positive_rate):
    population = np.float64(100_000)
    sick = population * prior
    healthy = population - sick
    true_alarms = sick * sensitivity
    false_alarms = healthy * false_positive_rate
    return true_alarms / (true_alarms + false_alarms)
