"""Draw a :class:`Figure` with plotext: as text for the CLI, or on the app's widget.

The only module that imports plotext. ``render_text`` uses plotext's global figure,
clears it before and after, and returns the string from ``build()`` (nothing is
written to the terminal). ``draw_on`` draws on the ``plt`` of a textual-plotext
``PlotextPlot``, which has the same API but its own state. Series get distinct
markers, so legends stay readable without colour.
"""

from __future__ import annotations

import math
import textwrap
from typing import Any

import numpy as np
import plotext

from tutor.plots.figure import Figure, Series

LINE_MARKERS = ("braille", "dot", "+", "x", "*", "o")
FILL_MARKERS = ("░", "▒", "▓")
BAR_MARKERS = ("█", "▒", "░", "▓")
MIN_PLOT_HEIGHT = 8
MAX_POINTS = 800


def render_text(fig: Figure, width: int = 80, height: int = 24, *, color: bool = False) -> str:
    """The figure as text at most ``width`` x ``height`` (notes included); ANSI colour
    codes only when ``color`` is true."""
    width = max(width, 20)
    notes = [line for note in fig.notes for line in textwrap.wrap(note, width)]
    if fig.message is not None or not _drawable(fig):
        return _message_text(fig, width, height)
    plot_height = max(height - len(notes), MIN_PLOT_HEIGHT)
    plotext.clear_figure()
    try:
        plotext.plotsize(width, plot_height)
        plotext.theme("default" if color else "clear")
        _draw(plotext, fig)
        text = plotext.build()
    finally:
        plotext.clear_figure()
    if not color:
        text = plotext.uncolorize(text)
    lines = [line.rstrip() for line in text.splitlines()]
    room = max(height - len(lines), 0)
    return "\n".join(lines + notes[:room])


def draw_on(plt: Any, fig: Figure) -> None:
    """Draw ``fig`` on a textual-plotext ``PlotextPlot.plt`` (replacing what was there).
    The widget sets size and theme when it renders; call ``widget.refresh()`` after.
    Notes are not drawn: show ``fig.notes`` next to the widget."""
    plt.clear_figure()
    if fig.message is not None or not _drawable(fig):
        _draw_message(plt, fig)
        return
    _draw(plt, fig)


def _drawable(fig: Figure) -> bool:
    return any(_finite_points(s, fig.log_y)[0].size for s in fig.series) or (
        bool(fig.categories) and bool(fig.series)
    )


def _finite_points(s: Series, log_y: bool) -> tuple[np.ndarray, np.ndarray]:
    x, y = np.asarray(s.x, dtype=float), np.asarray(s.y, dtype=float)
    n = min(len(x), len(y))
    x, y = x[:n], y[:n]
    keep = np.isfinite(x) & np.isfinite(y)
    if log_y:
        keep &= y > 0
    x, y = x[keep], y[keep]
    if x.size > MAX_POINTS:  # more than the terminal can show; keeps the last point
        pick = np.unique(np.linspace(0, x.size - 1, MAX_POINTS).round().astype(int))
        x, y = x[pick], y[pick]
    return x, y


def _message_text(fig: Figure, width: int, height: int) -> str:
    message = fig.message if fig.message is not None else "Nothing to plot."
    lines = [fig.title.center(width).rstrip(), ""]
    for paragraph in message.splitlines() or [""]:
        lines += textwrap.wrap(paragraph, width) or [""]
    return "\n".join(lines[: max(height, 3)])


def _draw_message(plt: Any, fig: Figure) -> None:
    """An empty frame with the message written in the middle."""
    message = fig.message if fig.message is not None else "Nothing to plot."
    wrapped = textwrap.wrap(message, 60) or [message]
    plt.title(fig.title)
    plt.xlim(0, 1)
    plt.ylim(0, 1)
    plt.xticks([])
    plt.yticks([])
    step = min(0.09, 0.9 / len(wrapped))  # about a line apart on a plot of ~20 rows
    top = 0.5 + step * (len(wrapped) - 1) / 2
    for i, line in enumerate(wrapped):
        plt.text(line, 0.5, top - step * i, alignment="center")


def _draw(plt: Any, fig: Figure) -> None:
    """The figure's series, labels and limits on ``plt`` (plotext or its textual wrapper)."""
    plt.title(fig.title)
    plt.xlabel(fig.xlabel)
    plt.ylabel(fig.ylabel)
    if fig.categories:
        _draw_grouped_bars(plt, fig)
        return
    counts = {"line": 0, "points": 0, "fill": 0, "bar": 0}
    low = math.inf
    high = -math.inf
    all_x: list[np.ndarray] = []
    for s in fig.series:
        x, y = _finite_points(s, fig.log_y)
        if not x.size:
            continue
        if s.style == "bar" or not any(t.style == "bar" for t in fig.series):
            all_x.append(x)  # ticks follow the bars when there are bars
        if fig.log_y:
            y = np.log10(y)
        low, high = min(low, float(y.min())), max(high, float(y.max()))
        i = counts[s.style]
        counts[s.style] += 1
        xs, ys = x.tolist(), y.tolist()
        if s.style == "bar":
            plt.bar(xs, ys, label=s.label, marker=BAR_MARKERS[i % len(BAR_MARKERS)],
                    width=0.8)
        elif s.style == "fill":
            plt.plot(xs, ys, label=s.label, marker=FILL_MARKERS[i % len(FILL_MARKERS)],
                     fillx=True)
        elif s.style == "points":
            plt.scatter(xs, ys, label=s.label, marker=s.marker or LINE_MARKERS[1 + i % 5])
        else:
            plt.plot(xs, ys, label=s.label,
                     marker=s.marker or LINE_MARKERS[i % len(LINE_MARKERS)])
    xs = np.concatenate(all_x) if all_x else np.empty(0)
    if xs.size and np.all(xs == np.round(xs)) and xs.max() - xs.min() >= 2:
        ticks = _integer_ticks(int(xs.min()), int(xs.max()))
        plt.xticks(ticks, [str(t) for t in ticks])
    if fig.ylim is not None and not fig.log_y:
        plt.ylim(*fig.ylim)
    elif math.isfinite(low):
        high += (high - low) * _headroom(fig) * (0.5 if fig.log_y else 1.0)
        if fig.log_y:
            _log_ticks(plt, low, high)
        elif high > low:
            plt.ylim(low, high)


def _headroom(fig: Figure) -> float:
    """Extra room above the data, as a fraction of its range, so the legend (drawn in
    the top-left corner) does not cover it."""
    return 0.1 + 0.06 * len(fig.series)


def _draw_grouped_bars(plt: Any, fig: Figure) -> None:
    values = [[v if math.isfinite(v) else 0.0 for v in s.y] for s in fig.series]
    markers = [BAR_MARKERS[i % len(BAR_MARKERS)] for i in range(len(values))]
    plt.multiple_bar(list(fig.categories), values, labels=[s.label for s in fig.series],
                     marker=markers)
    if fig.ylim is not None:
        plt.ylim(*fig.ylim)
        return
    low = min(0.0, *(min(v) for v in values))
    high = max(0.0, *(max(v) for v in values))
    if high > low:
        plt.ylim(low, high + (high - low) * _headroom(fig))


def _integer_ticks(lo: int, hi: int, count: int = 6) -> list[int]:
    """At most about ``count`` round integer ticks (steps of 1, 2 or 5 x 10^k) in [lo, hi]."""
    raw = (hi - lo) / max(count - 1, 1)
    power = 10 ** math.floor(math.log10(raw)) if raw >= 1 else 1
    stride = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    first = math.ceil(lo / stride) * stride
    return list(range(first, hi + 1, stride))


def _log_ticks(plt: Any, low: float, high: float) -> None:
    """Ticks at powers of ten for data already in log10."""
    first, last = math.floor(low), math.ceil(high)
    if first == last:
        last += 1
    stride = max(1, math.ceil((last - first) / 6))
    ticks = list(range(first, last + 1, stride))
    plt.ylim(first, last)
    plt.yticks(ticks, [_power_label(k) for k in ticks])


def _power_label(k: int) -> str:
    return {0: "1", 1: "10", 2: "100", -1: "0.1", -2: "0.01"}.get(k, f"1e{k}")
