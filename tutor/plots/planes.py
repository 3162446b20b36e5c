"""Plot kinds on a 2-D plane: optimizer paths over the level sets of a quadratic, and a
linear classifier's decision boundary (from a lesson's ``w, b`` or a learner's run).

Pure numpy; the series carry their own markers, so paths, level sets and the two classes
stay distinguishable without colour.
"""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np

from tutor.lessons.plotspecs import DecisionBoundaryParams, OptimizerPathsParams, Params
from tutor.plots.figure import Figure, Series, fmt, message_figure, series

Array = np.ndarray
PATH_MARKERS = {"gd": "o", "momentum": "x", "adam": "+"}
PATH_LABELS = {"gd": "gradient descent", "momentum": "momentum", "adam": "Adam"}
LEVEL_MARKER = "·"
CLASS_MARKERS = ("o", "x")
LINE_POINTS = 80


# -- optimizer paths -------------------------------------------------------------------
def quadratic(A: Array, w: Array) -> float:
    """f(w) = ½ wᵀ A w."""
    return 0.5 * float(w @ A @ w)


def optimizer_path(A: Array, start: Array, name: str, lr: float, steps: int,
                   beta: float = 0.9) -> Array:
    """The iterates (steps + 1, 2) of ``name`` (gd | momentum | adam) on ½ wᵀ A w.

    Momentum is v ← beta v + g, w ← w − lr v; Adam uses beta1 0.9, beta2 0.999,
    eps 1e-8 with bias correction. A path that leaves every sensible range stops."""
    w = np.array(start, dtype=float)
    v = np.zeros(2)
    m = np.zeros(2)
    s = np.zeros(2)
    path = [w.copy()]
    limit = 1e6 * (1.0 + float(np.abs(start).max()))
    for t in range(1, steps + 1):
        g = A @ w
        if name == "gd":
            w = w - lr * g
        elif name == "momentum":
            v = beta * v + g
            w = w - lr * v
        else:
            m = 0.9 * m + 0.1 * g
            s = 0.999 * s + 0.001 * g * g
            w = w - lr * (m / (1 - 0.9 ** t)) / (np.sqrt(s / (1 - 0.999 ** t)) + 1e-8)
        if not np.all(np.isfinite(w)) or np.abs(w).max() > limit:
            break
        path.append(w.copy())
    return np.array(path)


def level_set(A: Array, c: float, points: int = 90) -> Array:
    """Points (points, 2) of the ellipse ½ wᵀ A w = c."""
    lam, vecs = np.linalg.eigh(A)
    theta = np.linspace(0.0, 2.0 * math.pi, points, endpoint=False)
    radii = np.sqrt(2.0 * c / lam)
    circle = np.stack([radii[0] * np.cos(theta), radii[1] * np.sin(theta)])
    return (vecs @ circle).T


def optimizer_paths(spec: Params) -> Figure:
    """Level sets of ½ wᵀ A w and each optimizer's path from the same start."""
    assert isinstance(spec, OptimizerPathsParams)
    A = np.asarray(spec.matrix, dtype=float)
    start = np.asarray(spec.start, dtype=float)
    top = quadratic(A, start)
    if top <= 0:
        return message_figure("", "The start is the minimum itself: there is no path to draw.")
    levels = [top * 0.25 ** k for k in range(spec.levels)]
    rings = np.concatenate([level_set(A, c) for c in levels])
    lines: list[Series] = [series("level sets of f (outermost through the start)",
                                  rings[:, 0], rings[:, 1], "points", LEVEL_MARKER)]
    notes = []
    lam = np.linalg.eigvalsh(A)
    notes.append(f"Curvatures (eigenvalues) {fmt(lam[0])} and {fmt(lam[1])}: condition "
                 f"number {fmt(lam[1] / lam[0])}. Gradient descent is stable while "
                 f"lr < 2 / {fmt(lam[1])} = {fmt(2 / lam[1])}.")
    for name in spec.optimizers:
        lr = {"adam": spec.adam_lr, "momentum": spec.momentum_lr}.get(name) or spec.lr
        path = optimizer_path(A, start, name, lr, spec.steps, spec.beta)
        label = f"{PATH_LABELS[name]} (lr={fmt(lr)})"
        lines.append(series(label, path[:, 0], path[:, 1], "line", PATH_MARKERS[name]))
        if len(path) <= spec.steps:
            notes.append(f"{PATH_LABELS[name]}: diverged after {len(path) - 1} steps.")
        else:
            notes.append(f"{PATH_LABELS[name]}: f = {fmt(quadratic(A, path[-1]))} after "
                         f"{spec.steps} steps (from {fmt(top)}).")
    low, high = float(rings[:, 1].min()), float(rings[:, 1].max())
    pad = 0.05 * (high - low)
    return Figure(title="Optimizers on a contour", xlabel="w₁", ylabel="w₂",
                  series=tuple(lines), ylim=(low - pad, high + pad), notes=tuple(notes))


# -- decision boundary -----------------------------------------------------------------
def boundary_line(w: Array, b: float, box: tuple[float, float, float, float]) -> Array:
    """Points (k, 2) of w · x + b = 0 inside ``box`` (x_lo, x_hi, y_lo, y_hi); k may be 0."""
    x_lo, x_hi, y_lo, y_hi = box
    if abs(w[1]) >= abs(w[0]):
        if w[1] == 0:
            return np.empty((0, 2))
        xs = np.linspace(x_lo, x_hi, LINE_POINTS)
        pts = np.stack([xs, -(w[0] * xs + b) / w[1]], axis=1)
    else:
        ys = np.linspace(y_lo, y_hi, LINE_POINTS)
        pts = np.stack([-(w[1] * ys + b) / w[0], ys], axis=1)
    inside = ((pts[:, 0] >= x_lo) & (pts[:, 0] <= x_hi) & (pts[:, 1] >= y_lo)
              & (pts[:, 1] <= y_hi))
    return pts[inside]


def _box(points: Array) -> tuple[float, float, float, float]:
    lo, hi = points.min(axis=0), points.max(axis=0)
    pad = 0.15 * np.maximum(hi - lo, 1e-9)
    return (float(lo[0] - pad[0]), float(hi[0] + pad[0]), float(lo[1] - pad[1]),
            float(hi[1] + pad[1]))


def accuracy(points: Array, labels: Array, w: Array, b: float) -> float:
    """Fraction of points on their label's side (w · x + b > 0 predicts 1)."""
    return float(np.mean((points @ w + b > 0).astype(int) == labels))


def boundary_figure(spec: DecisionBoundaryParams,
                    lines: list[tuple[str, str, Array, float, str | None]]) -> Figure:
    """The two classes of points and each boundary: (legend label, whose, w, b, marker),
    ``whose`` starting its note ("Yours", "Reference")."""
    points = np.asarray(spec.points, dtype=float)
    labels = np.asarray(spec.labels, dtype=int)
    box = _box(points)
    drawn: list[Series] = []
    for k in (0, 1):
        mine = points[labels == k]
        if len(mine):
            drawn.append(series(f"label {k}", mine[:, 0], mine[:, 1], "points",
                                CLASS_MARKERS[k]))
    notes = []
    for label, whose, w, b, marker in lines:
        pts = boundary_line(w, b, box)
        acc = accuracy(points, labels, w, b)
        where = f"w = ({fmt(float(w[0]))}, {fmt(float(w[1]))}), b = {fmt(b)}"
        if len(pts):
            style = "points" if marker else "line"
            drawn.append(series(label, pts[:, 0], pts[:, 1], style, marker))
            notes.append(f"{whose}: {where}; {acc:.0%} of the points on their side.")
        else:
            notes.append(f"{whose}: {where}: the line w · x + b = 0 misses this region; "
                         f"{acc:.0%} of the points on their side.")
    return Figure(title="Decision boundary", xlabel="x₁", ylabel="x₂", series=tuple(drawn),
                  ylim=(box[2], box[3]), notes=tuple(notes))


def decision_boundary(spec: Params) -> Figure:
    """A lesson step: the points, and the boundary of ``w``, ``b`` when given."""
    assert isinstance(spec, DecisionBoundaryParams)
    lines = [] if spec.w is None else [("boundary w · x + b = 0", "Boundary",
                                        np.asarray(spec.w, dtype=float), spec.b, None)]
    return boundary_figure(spec, lines)


def boundary_from_run(spec: DecisionBoundaryParams, learner: Array,
                      reference: Array) -> Figure:
    """An exercise plot: ``learner`` and ``reference`` are (w₁, w₂, b, losses...) from a
    trained classifier; both boundaries over the points, and the final losses."""
    if len(learner) < 3 or len(reference) < 3:
        return message_figure("", "A decision boundary needs two weights and a bias; "
                              f"your output has {len(learner)} numbers.")
    fig = boundary_figure(spec, [
        ("your boundary", "Yours", learner[:2], float(learner[2]), "*"),
        ("reference boundary", "Reference", reference[:2], float(reference[2]), None)])
    if len(learner) > 3 and len(reference) > 3:
        fig = replace(fig, notes=(*fig.notes, f"Final loss: yours {fmt(float(learner[-1]))}"
                                  f", reference {fmt(float(reference[-1]))}."))
    return fig
