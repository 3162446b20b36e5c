"""Plot kinds for lesson plot steps: validated params → :class:`Figure` (pure numpy).

Every figure is computed here, in trusted code, from the step's ``params``; a lesson
never supplies code for a plot. See ``tutor.plots`` for each kind's parameters.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np

from tutor.lessons.plotspecs import (
    BarParams,
    FunctionParams,
    GradientDepthParams,
    HistogramParams,
    LossCurveParams,
    LrComparisonParams,
    Params,
    PlotSpecError,
    ScheduleParams,
    parse_params,
)
from tutor.plots import compute, geometry, kinds_stats, planes
from tutor.plots.figure import Figure, Series, fmt, message_figure, series

DEFAULT_TITLES: dict[str, str] = {
    "loss-curve": "Gradient descent: loss per step",
    "lr-comparison": "Learning rates compared",
    "histogram": "Heads in repeated coin flips",
    "function": "",  # from the function's name
    **geometry.TITLES,
    "bar": "Softmax at several temperatures",
    "schedule": "Warmup then cosine decay",
    "gradient-depth": "Gradient size by layer (vanishing gradients)",
    "optimizer-paths": "Optimizers on a contour",
    "decision-boundary": "Decision boundary",
}
MAX_POINTS = 1000


def build_figure(kind: str, params: dict[str, Any] | None = None,
                 title: str | None = None) -> Figure:
    """The figure of a lesson plot step. Bad params give a figure with a message
    (the loader reports them properly); this never raises for bad input."""
    try:
        spec = parse_params(kind, params)
    except PlotSpecError as exc:
        return message_figure(title or "Plot", f"This plot cannot be drawn: {exc}")
    return BUILDERS[kind](spec).with_title(title)


def _line_problem(spec: Params) -> tuple[np.ndarray, np.ndarray]:
    assert isinstance(spec, LossCurveParams | LrComparisonParams)
    return np.asarray(spec.x, dtype=float), np.asarray(spec.y, dtype=float)


def _stability_note(x: np.ndarray, bias: bool) -> str:
    c = compute.curvature(x, bias)
    return f"Stable while lr < 2 / curvature = 2 / {fmt(c)} = {fmt(2 / c)}." if c > 0 else ""


def loss_curve(spec: Params) -> Figure:
    """One gradient-descent run on 1-D least squares."""
    assert isinstance(spec, LossCurveParams)
    x, y = _line_problem(spec)
    run = compute.descend(x, y, spec.lr, spec.steps, spec.bias)
    ceiling = 2 * run.losses[0] if run.losses[0] > 0 else 1.0
    losses, diverged = compute.clip_diverged(run.losses, ceiling)
    label = f"lr={fmt(spec.lr)}" + (" (diverged)" if diverged is not None else "")
    fitted = f"w = {run.w:.4f}" + (f", b = {run.b:.4f}" if spec.bias else "")
    if diverged is None:
        notes = [f"After {spec.steps} steps: loss {fmt(float(run.losses[-1]))}, {fitted}."]
    else:
        notes = [f"Diverged at step {diverged}: the loss passed twice its start."]
    notes.append(_stability_note(x, spec.bias))
    return Figure(
        title=DEFAULT_TITLES["loss-curve"], xlabel="step", ylabel="MSE loss",
        series=(series(label, range(len(losses)), losses),),
        log_y=spec.log_y, notes=tuple(n for n in notes if n),
    )


def lr_comparison(spec: Params) -> Figure:
    """Several learning rates on one problem; runs that blow up are clipped."""
    assert isinstance(spec, LrComparisonParams)
    x, y = _line_problem(spec)
    lowest = compute.best_loss(x, y, spec.bias)
    start = float(np.mean(y * y))  # every run starts from w = b = 0
    top = 2 * start if start > 0 else 1.0
    lines: list[Series] = []
    for lr in spec.lrs:
        run = compute.descend(x, y, lr, spec.steps, spec.bias)
        losses, diverged = compute.clip_diverged(run.losses, top)
        final = float(run.losses[-1])
        if diverged is not None:
            verdict = "diverged"
        elif final > start:
            verdict = "diverging"
        elif final - lowest <= 0.01 * max(start - lowest, 1e-300):
            verdict = "converges"
        else:
            verdict = "crawls"
        lines.append(series(f"lr={fmt(lr)} ({verdict})", range(len(losses)), losses))
    return Figure(
        title=DEFAULT_TITLES["lr-comparison"], xlabel="step", ylabel="MSE loss",
        series=tuple(lines), log_y=spec.log_y,
        ylim=None if spec.log_y else (0.0, top),
        notes=(_stability_note(x, spec.bias), f"Lowest possible loss: {fmt(lowest)}."),
    )


def histogram(spec: Params) -> Figure:
    """Head counts of simulated coin flips with the binomial/normal density."""
    assert isinstance(spec, HistogramParams)
    rng = np.random.default_rng(spec.seed)
    heads = rng.binomial(spec.n_flips, spec.p, size=spec.n_batches).astype(float)
    edges = compute.integer_edges(heads, spec.bins)
    lines = [histogram_bars("simulated", heads, edges)]
    lines += overlays(spec, edges)
    mean, sd = spec.n_flips * spec.p, math.sqrt(spec.n_flips * spec.p * (1 - spec.p))
    return Figure(
        title=DEFAULT_TITLES["histogram"], xlabel=f"heads in {spec.n_flips} flips",
        ylabel="fraction of batches", series=tuple(lines),
        notes=(f"{spec.n_batches} batches: mean {heads.mean():.2f}, sd {heads.std():.2f} "
               f"(theory: mean {fmt(mean)}, sd {sd:.2f}).",),
    )


def histogram_bars(label: str, values: np.ndarray, edges: np.ndarray) -> Series:
    centers = (edges[:-1] + edges[1:]) / 2
    return series(label, centers, compute.fractions(values, edges), "bar")


def overlays(spec: HistogramParams, edges: np.ndarray) -> list[Series]:
    """The binomial and/or normal curves matching ``spec``, scaled to the bins."""
    n, p = spec.n_flips, spec.p
    out: list[Series] = []
    width = float(edges[1] - edges[0])
    if spec.overlay in ("binomial", "both"):
        ks = np.arange(math.ceil(edges[0]), math.floor(edges[-1]) + 1)
        which = np.clip(np.searchsorted(edges, ks, side="right") - 1, 0, len(edges) - 2)
        per_bin = np.bincount(which, weights=compute.binomial_pmf(n, p, ks),
                              minlength=len(edges) - 1)
        out.append(series(f"binomial({n}, {fmt(p)})", (edges[:-1] + edges[1:]) / 2, per_bin))
    sd = math.sqrt(n * p * (1 - p))
    if spec.overlay in ("normal", "both") and sd > 0:
        grid = np.linspace(edges[0], edges[-1], 200)
        out.append(series(f"normal(μ={fmt(n * p)}, σ={sd:.2f})", grid,
                          compute.normal_pdf(grid, n * p, sd) * width))
    return out


def function(spec: Params) -> Figure:
    """A named function (and its derivative) from the fixed registry."""
    assert isinstance(spec, FunctionParams)
    if spec.name == "normal":
        return _normal(spec)
    named = compute.FUNCTIONS[spec.name]
    lo = spec.x_min if spec.x_min is not None else named.x_range[0]
    hi = spec.x_max if spec.x_max is not None else named.x_range[1]
    if spec.name == "surprise":
        lo = max(lo, 1e-3)
    x = np.linspace(lo, hi, spec.points)
    lines = [series(named.label, x, named.f(x))]
    if spec.derivative and named.df is not None and named.d_label:
        lines.append(series(named.d_label, x, named.df(x)))
    unit = spec.name in ("entropy", "surprise")
    return Figure(
        title=named.title,
        xlabel="p" if unit else "x", ylabel="bits" if unit else "",
        series=tuple(lines), notes=(named.note,) if named.note else (),
    )


def _normal(spec: FunctionParams) -> Figure:
    mu, sigma = spec.mu, spec.sigma
    lo = spec.x_min if spec.x_min is not None else mu - 4 * sigma
    hi = spec.x_max if spec.x_max is not None else mu + 4 * sigma
    x = np.linspace(lo, hi, spec.points)
    pdf = compute.normal_pdf(x, mu, sigma)
    lines = []
    for k in (2, 1):
        inside = np.abs(x - mu) <= k * sigma
        if inside.any():
            share = 100 * compute.within_sigmas(k)
            lines.append(series(f"±{k}σ: {share:.1f}%", x[inside], pdf[inside], "fill"))
    lines.append(series(f"density, μ={fmt(mu)}, σ={fmt(sigma)}", x, pdf))
    shares = ", ".join(f"{100 * compute.within_sigmas(k):.1f}% within ±{k}σ" for k in (1, 2, 3))
    return Figure(title="Normal density", xlabel="x", ylabel="density",
                  series=tuple(lines), notes=(shares + ".",))


def bar(spec: Params) -> Figure:
    """Softmax of the logits at each temperature, as grouped bars."""
    assert isinstance(spec, BarParams)
    z = np.asarray(spec.logits, dtype=float)
    labels = spec.labels or [f"z={fmt(v)}" for v in spec.logits]
    bars, notes = [], []
    for t in spec.temperatures:
        scaled = z / t
        e = np.exp(scaled - scaled.max())
        probs = e / e.sum()
        bars.append(series(f"T={fmt(t)}", range(len(z)), probs, "bar"))
        notes.append(f"T={fmt(t)}: " + " ".join(f"{v:.3f}" for v in probs))
    return Figure(
        title=DEFAULT_TITLES["bar"], xlabel="class", ylabel="probability",
        series=tuple(bars), categories=tuple(labels), notes=tuple(notes),
    )


def schedule(spec: Params) -> Figure:
    """The warmup-cosine learning-rate schedule."""
    assert isinstance(spec, ScheduleParams)
    total = spec.total_steps
    steps = np.unique(np.concatenate([
        np.linspace(0, total, min(total + 1, MAX_POINTS)).round(), [spec.warmup_steps, total],
    ]))
    lr = compute.warmup_cosine(steps, total, spec.warmup_steps, spec.peak_lr, spec.min_lr)
    return Figure(
        title=DEFAULT_TITLES["schedule"], xlabel="step", ylabel="learning rate",
        series=(series("lr", steps, lr),),
        notes=(f"Linear warmup to {fmt(spec.peak_lr)} over {spec.warmup_steps} steps, then "
               f"cosine decay to {fmt(spec.min_lr)} at step {total}.",),
    )


def gradient_depth(spec: Params) -> Figure:
    """Gradient norm per layer for each activation: sigmoid's shrink, relu's do not."""
    assert isinstance(spec, GradientDepthParams)
    lines, notes = [], []
    layers = np.arange(1, spec.depth + 1)
    for act in spec.activations:
        norms = compute.layer_gradients(act, spec.init, spec.depth, spec.width, spec.batch,
                                        spec.seed)
        init = compute.init_for(act, spec.init)
        lines.append(series(f"{act} ({init} init)", layers, norms))
        if norms[-1] > 0 and np.all(np.isfinite(norms)):
            notes.append(f"{act}: layer 1 gets {norms[0] / norms[-1]:.2g}× the gradient "
                         f"of layer {spec.depth}.")
    return Figure(
        title=DEFAULT_TITLES["gradient-depth"], xlabel="layer (1 = nearest the input)",
        ylabel="|gradient|", series=tuple(lines), log_y=spec.log_y, notes=tuple(notes),
    )


BUILDERS: dict[str, Callable[[Params], Figure]] = {
    "loss-curve": loss_curve,
    "lr-comparison": lr_comparison,
    "histogram": histogram,
    "function": function,
    "matrix-grid": geometry.matrix_grid,
    "singular-values": geometry.singular_values,
    "bar": bar,
    "schedule": schedule,
    "gradient-depth": gradient_depth,
    "optimizer-paths": planes.optimizer_paths,
    "decision-boundary": planes.decision_boundary,
    **kinds_stats.BUILDERS,
}
