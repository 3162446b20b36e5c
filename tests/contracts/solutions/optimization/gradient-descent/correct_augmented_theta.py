"""Correct: a column of ones appended, one parameter vector theta = [w, b]."""
import numpy as np


def gradient_descent(X, y, lr=0.01, epochs=1000):
    A = np.hstack([X, np.ones((X.shape[0], 1))])
    theta = np.zeros(A.shape[1])
    losses = np.zeros(epochs)
    for epoch in range(epochs):
        r = A @ theta - y
        losses[epoch] = r @ r / len(y)
        theta -= lr * 2 * A.T @ r / len(y)
    return theta[:-1], theta[-1], losses
