"""Correct: scipy.special.expit."""
from scipy.special import expit


def sigmoid(z):
    return expit(z)


def sigmoid_grad(z):
    return expit(z) * expit(-z)
