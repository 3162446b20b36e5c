"""Exercise plots: the learner's output drawn beside the reference's.

The data is a verdict's :class:`tutor.grading.plotdata.PlotData`. Anything that
cannot be drawn (an unknown kind, bad params, NaN, inf, no values) becomes a
message instead.
"""

from __future__ import annotations

import numpy as np

from tutor.grading.plotdata import PlotData
from tutor.lessons.plotspecs import (
    SPECS,
    BarParams,
    DecisionBoundaryParams,
    FunctionParams,
    HistogramParams,
    Params,
    PlotSpecError,
    parse_params,
)
from tutor.plots import kinds, kinds_stats, planes
from tutor.plots.compute import integer_edges
from tutor.plots.figure import Figure, Series, first_bad, fmt, message_figure, series

NOUNS: dict[str, str] = {
    "loss-curve": "losses",
    "lr-comparison": "losses",
    "histogram": "samples",
    "schedule": "learning rates",
    "gradient-depth": "gradients",
}
YLABELS: dict[str, str] = {
    "loss-curve": "loss",
    "lr-comparison": "loss",
    "schedule": "learning rate",
    "gradient-depth": "|gradient|",
    "bar": "value",
    "function": "f(x)",
}
YOURS, REFERENCE = "yours", "reference"


def comparison_figure(data: PlotData) -> Figure:
    """The figure of an exercise plot: learner beside reference. Never raises."""
    title = data.title or "Your output beside the reference"
    if data.kind not in SPECS:
        return message_figure(title, f"Unknown plot kind {data.kind!r}.")
    try:
        spec = parse_params(data.kind, dict(data.params))
    except PlotSpecError as exc:
        return message_figure(title, f"This plot cannot be drawn: {exc}")
    learner = np.asarray(data.learner, dtype=float)
    reference = np.asarray(data.reference, dtype=float)
    problem = (_no_values(learner, "Your function") or _no_values(reference, "The reference")
               or _non_finite(data.kind, learner, reference))
    if problem is not None:
        return message_figure(title, problem)
    return _build(data.kind, spec, learner, reference).with_title(title)


def _no_values(values: np.ndarray, who: str) -> str | None:
    return f"{who} produced no values to plot." if values.size == 0 else None


def _non_finite(kind: str, learner: np.ndarray, reference: np.ndarray) -> str | None:
    noun = NOUNS.get(kind, "values")
    where = "step" if kind in ("loss-curve", "lr-comparison", "schedule") else "index"
    ref_bad = first_bad(reference)
    bad = first_bad(learner)
    if bad is not None:
        i, what = bad
        text = f"Your {noun} became {what} at {where} {i}"
        if kind not in ("loss-curve", "lr-comparison"):
            return text + "."
        if ref_bad is not None:
            return text + ": the learning rate is too large for this problem."
        return (text + ", while the reference's stayed finite with the same learning rate: "
                "the steps are too large. Check the sign and scale of your gradient "
                "(is it averaged over the samples?) and the update.")
    if ref_bad is not None:
        i, what = ref_bad
        return f"The reference's {noun} became {what} at {where} {i}, so there is no plot."
    return None


def _build(kind: str, spec: Params, learner: np.ndarray, reference: np.ndarray) -> Figure:
    if kind in kinds_stats.VERDICT_BUILDERS:
        return kinds_stats.VERDICT_BUILDERS[kind](spec, learner, reference)
    if kind == "histogram":
        assert isinstance(spec, HistogramParams)
        return _histogram(spec, learner, reference)
    if kind == "bar":
        assert isinstance(spec, BarParams)
        return _bars(spec, learner, reference)
    if kind == "decision-boundary":
        assert isinstance(spec, DecisionBoundaryParams)
        return planes.boundary_from_run(spec, learner, reference)
    x_learner, x_reference = _xs(spec, len(learner)), _xs(spec, len(reference))
    notes = []
    if len(learner) != len(reference):
        notes.append(f"Your output has {len(learner)} values; the reference has "
                     f"{len(reference)}.")
    if kind in ("loss-curve", "lr-comparison"):
        notes.append(f"Final loss: yours {fmt(float(learner[-1]))}, reference "
                     f"{fmt(float(reference[-1]))}.")
    log_y = bool(getattr(spec, "log_y", False))
    return Figure(
        title="", xlabel=_xlabel(kind, spec), ylabel=YLABELS.get(kind, "value"),
        series=(series(REFERENCE, x_reference, reference), series(YOURS, x_learner, learner)),
        log_y=log_y, notes=tuple(notes),
    )


def _xs(spec: Params, n: int) -> np.ndarray:
    """x positions: the function's x range when the author gave one, else 0..n-1."""
    if (isinstance(spec, FunctionParams) and spec.x_min is not None
            and spec.x_max is not None):
        return np.linspace(spec.x_min, spec.x_max, n)
    return np.arange(n, dtype=float)


def _xlabel(kind: str, spec: Params) -> str:
    if kind in ("loss-curve", "lr-comparison", "schedule"):
        return "step"
    if kind == "gradient-depth":
        return "layer"
    if isinstance(spec, FunctionParams) and spec.x_min is not None and spec.x_max is not None:
        return "x"
    return "index"


def _histogram(spec: HistogramParams, learner: np.ndarray, reference: np.ndarray) -> Figure:
    """Learner samples as bars, the reference's as a line over the same bins, and the
    theoretical density when the author described the coin (``n_flips`` given)."""
    edges = integer_edges(np.concatenate([learner, reference]), spec.bins)
    centers = (edges[:-1] + edges[1:]) / 2
    ref = kinds.histogram_bars(REFERENCE, reference, edges)
    lines: list[Series] = [kinds.histogram_bars(YOURS, learner, edges),
                           series(REFERENCE, centers, ref.y)]
    if "n_flips" in spec.model_fields_set:
        lines += kinds.overlays(spec, edges)
    return Figure(
        title="", xlabel="value", ylabel="fraction of samples", series=tuple(lines),
        notes=(f"Yours: mean {learner.mean():.3g}, sd {learner.std():.3g}. Reference: mean "
               f"{reference.mean():.3g}, sd {reference.std():.3g}.",),
    )


def _bars(spec: BarParams, learner: np.ndarray, reference: np.ndarray) -> Figure:
    """Grouped bars, one group per output value."""
    if len(learner) != len(reference):
        return message_figure("", f"Your output has {len(learner)} values but the reference "
                              f"has {len(reference)}, so they cannot be compared bar by bar.")
    if len(learner) > 24:
        return message_figure("", f"{len(learner)} values are too many to draw as bars.")
    given = spec.labels if "labels" in spec.model_fields_set else None
    labels = given if given and len(given) == len(learner) else [str(i) for i in
                                                                 range(len(learner))]
    return Figure(
        title="", xlabel="output", ylabel=YLABELS["bar"], categories=tuple(labels),
        series=(series(YOURS, range(len(learner)), learner, "bar"),
                series(REFERENCE, range(len(reference)), reference, "bar")),
    )
