"""Plots: built-in kinds computed from ``params`` (never from lesson code), drawn with
plotext by the CLI (``render_text``) and the app (``draw_on``).

A lesson plot step::

    - kind: plot
      title: Three learning rates on the same problem
      plot:
        kind: lr-comparison
        params: {lrs: [0.001, 0.01, 0.1], steps: 100}
      caption: ...

An exercise draws the learner's output beside the reference's with ``plot:`` (same
``kind`` and ``params``; the evaluator supplies the data). Every parameter has a
default; unknown parameters are errors.

Kinds and their params
----------------------
``loss-curve``
    One gradient-descent run on 1-D least squares ``y ≈ w x (+ b)`` by MSE from 0.
    ``x``, ``y`` (lists of numbers, same length; default the fit-slope data
    x = 1..5, y = [2.1, 3.9, 6.2, 7.8, 10.1]), ``lr`` (default 0.01), ``steps``
    (1..10000, default 100), ``bias`` (fit b too, default false), ``log_y`` (false).
    A run whose loss passes twice its start is clipped and marked "diverged".
    As an exercise plot: the learner's losses beside the reference's (``log_y`` applies).
``lr-comparison``
    The same problem for several learning rates: ``x``, ``y``, ``bias``, ``steps``,
    ``log_y`` as above and ``lrs`` (1..6 rates, default [0.001, 0.01, 0.1]). Each
    curve's legend says "crawls", "converges", "diverging" or "diverged" (clipped).
``histogram``
    Head counts of ``n_batches`` (default 1000) experiments of ``n_flips`` (default 50)
    flips of a coin with P(heads) ``p`` (0.5), drawn with ``seed`` (0); ``bins``
    (2..100, default one per integer); ``overlay``: normal | binomial | both | none
    (default normal). As an exercise plot: the learner's samples as bars, the
    reference's as a line, and the density only when ``n_flips`` is given.
``function``
    A named curve from a fixed registry: ``name`` (required): sigmoid | tanh | relu |
    softplus | gelu (each with its derivative unless ``derivative: false``) | normal
    (density with the ±1σ and ±2σ areas shaded; ``mu`` default 0, ``sigma`` default 1)
    | entropy (of a coin, in bits, against p) | surprise (-log2 p). ``x_min``,
    ``x_max`` (default: the function's natural range; within [0, 1] for entropy and
    surprise), ``points`` (20..2000, default 200). As an exercise plot, ``x_min`` and
    ``x_max`` place the learner's values on the x axis.
``matrix-grid``
    The grid lines x = k and y = k (|k| <= ``extent``, 1..5, default 2) as dots, their
    images under ``matrix`` (2×2, entries in [-10, 10], default [[2, 1], [1, 2]]) as +,
    the unit square before (a line) and after (x), and the real eigen-directions (*)
    unless ``eigenvectors: false``. Notes give the columns, the determinant (area
    factor, orientation, rank) and each eigenvalue.
``singular-values``
    Singular values (each scaled so the largest is 1) of a Gaussian ``rows`` × ``cols``
    matrix (default 60 × 40, up to 300) beside a rank-``rank`` one (default 5) plus
    Gaussian noise of size ``noise`` (default 0.01), drawn with ``seed`` (0); ``log_y``
    (default true). The note gives the share of Σσ² the top ``rank`` values keep.
``bar``
    Softmax of ``logits`` (2..12 numbers, default [2.0, 1.0, 0.1]) at each of
    ``temperatures`` (1..4, default [0.5, 1.0, 5.0]) as grouped bars; ``labels``
    (one short text per logit, default "z=<logit>"). As an exercise plot: the
    learner's values beside the reference's, one group per output value.
``schedule``
    Warmup-cosine learning rate: ``warmup_steps`` (default 100), ``total_steps``
    (> warmup_steps, default 1000), ``peak_lr`` (default 0.001), ``min_lr``
    (<= peak_lr, default 0).
``gradient-depth``
    Gradient norm of each layer's weights in a deep square network on random inputs,
    per activation: ``activations`` (sigmoid | tanh | relu, default [sigmoid, relu]),
    ``depth`` (2..100, default 20), ``width`` (2..128, default 32), ``batch`` (1..64,
    default 16), ``seed`` (0), ``init``: auto | xavier | he (auto: He for relu, Xavier
    otherwise), ``log_y`` (default true).
``optimizer-paths``
    Gradient descent, momentum and Adam on f(w) = ½ wᵀ A w over its level sets (drawn
    as dots; one marker per optimizer): ``matrix`` (2x2 symmetric positive definite,
    default [[1, 0], [0, 10]]), ``start`` (default [-4, 2]), ``optimizers`` (gd |
    momentum | adam, default all), ``lr`` (gradient descent, 0.09), ``momentum_lr``
    (0.02; null: ``lr``), ``beta`` (0.9), ``adam_lr`` (0.5), ``steps`` (40), ``levels``
    (5). The notes give the condition number, the stability limit and each final f.
``decision-boundary``
    Two classes of 2-D ``points`` with 0/1 ``labels`` (markers o and x) and, when ``w``
    (two numbers) is given, the line w · x + b = 0 (``b`` default 0). As an exercise
    plot (no ``output``): the learner's (w₁, w₂, b, losses...) beside the reference's,
    both boundaries over the author's points, with each one's accuracy and final loss.

``prior-posterior``
    A Beta(``alpha``, ``beta``) prior (default 2, 2) and the posterior after ``heads``
    (5) and ``tails`` (2), with the mean, MAP and MLE marked; ``points`` (20..2000).
    As an exercise plot: the learner's posterior Beta(first two outputs) beside the
    reference's, over the prior.
``train-validation``
    Train and validation MSE of polynomials of degree 0..``max_degree`` (1..15, default
    10) fitted to ``n_train`` (12) noisy samples of sin(πx), validated on ``n_val`` (100);
    ``noise`` (0.3), ``seed`` (0), ``ridge`` (λ > 0 adds the ridge fit's validation error),
    ``log_y`` (true).
``roc``
    The ROC curve of ``scores`` against 0/1 ``labels`` (both classes; default the
    curriculum's [0, 0, 1, 1] and [0.1, 0.4, 0.35, 0.8]) with the area shaded, the chance
    diagonal and an optional ``threshold`` marked. As an exercise plot: the same curve
    with the learner's area beside the reference's in a note.

API: ``PLOT_KINDS``, ``plot_spec_errors``, ``build_figure``, ``comparison_figure``,
``render_text``, ``draw_on``, ``Figure``, ``Series``. Importing this package does not
import plotext; ``render_text`` and ``draw_on`` load it on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tutor.lessons.plotspecs import PLOT_KINDS, PlotSpecError, plot_spec_errors
from tutor.plots.comparison import comparison_figure
from tutor.plots.figure import Figure, Series
from tutor.plots.kinds import build_figure

if TYPE_CHECKING:
    from tutor.plots.render import draw_on, render_text

__all__ = [
    "PLOT_KINDS",
    "Figure",
    "PlotSpecError",
    "Series",
    "build_figure",
    "draw_on",
    "comparison_figure",
    "plot_spec_errors",
    "render_text",
]


def __getattr__(name: str) -> Any:
    if name in ("render_text", "draw_on"):
        from tutor.plots import render

        return getattr(render, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
