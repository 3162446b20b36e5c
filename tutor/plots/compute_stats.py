"""The numerical work behind the prior, overfitting and ROC plots: pure numpy."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

Array = np.ndarray


def beta_pdf(x: Array, a: float, b: float) -> Array:
    """Density of Beta(a, b) at points strictly inside (0, 1)."""
    log_norm = math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b)
    return np.exp(log_norm + (a - 1) * np.log(x) + (b - 1) * np.log1p(-x))


def beta_mode(a: float, b: float) -> float | None:
    """The MAP of Beta(a, b), when the density has a single interior peak."""
    return (a - 1) / (a + b - 2) if a > 1 and b > 1 else None


@dataclass(frozen=True)
class FitErrors:
    """Train and validation MSE of a polynomial fit per degree (``degrees[i]``)."""

    degrees: Array
    train: Array
    validation: Array


def polynomial_errors(max_degree: int, n_train: int, n_val: int, noise: float, seed: int,
                      ridge: float = 0.0) -> FitErrors:
    """Fit degree 0..max_degree polynomials to noisy sin(πx) samples on [-1, 1] by least
    squares (plus ``ridge`` times the squared weights, the constant term unpenalised)."""
    rng = np.random.default_rng(seed)
    x_train = rng.uniform(-1, 1, n_train)
    x_val = rng.uniform(-1, 1, n_val)
    y_train = np.sin(np.pi * x_train) + noise * rng.normal(size=n_train)
    y_val = np.sin(np.pi * x_val) + noise * rng.normal(size=n_val)
    degrees = np.arange(max_degree + 1)
    train, val = np.empty(len(degrees)), np.empty(len(degrees))
    for d in degrees:
        a_train = np.vander(x_train, d + 1, increasing=True)
        a_val = np.vander(x_val, d + 1, increasing=True)
        w = _ridge_fit(a_train, y_train, ridge)
        train[d] = np.mean((a_train @ w - y_train) ** 2)
        val[d] = np.mean((a_val @ w - y_val) ** 2)
    return FitErrors(degrees, train, val)


def _ridge_fit(a: Array, y: Array, ridge: float) -> Array:
    """Minimiser of mean((a w − y)²) + ridge ‖w[1:]‖² (column 0 is the constant)."""
    if ridge == 0:
        return np.linalg.lstsq(a, y, rcond=None)[0]
    penalty = np.eye(a.shape[1]) * ridge * len(y)
    penalty[0, 0] = 0.0
    return np.linalg.solve(a.T @ a + penalty, a.T @ y)


def roc_points(labels: Array, scores: Array) -> tuple[Array, Array, Array]:
    """(false positive rates, true positive rates, thresholds) of "score ≥ threshold"
    for every distinct score, highest first, starting from (0, 0)."""
    labels = np.asarray(labels, dtype=bool)
    scores = np.asarray(scores, dtype=float)
    thresholds = np.unique(scores)[::-1]
    pos, neg = labels.sum(), (~labels).sum()
    tpr = np.array([0.0] + [np.sum(labels & (scores >= t)) / pos for t in thresholds])
    fpr = np.array([0.0] + [np.sum(~labels & (scores >= t)) / neg for t in thresholds])
    return fpr, tpr, thresholds


def area_under(fpr: Array, tpr: Array) -> float:
    """Trapezoid area under a curve of points sorted by false positive rate."""
    return float(np.sum(np.diff(fpr) * (tpr[1:] + tpr[:-1]) / 2))
