"""The data a plot is made of: series, labels and notes, with no drawing code.

A :class:`Figure` is what every plot kind computes and what ``render`` draws.
When there is nothing sensible to draw (NaN, inf, no data), ``message`` says why
and the renderers show it in place of the plot.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Literal

import numpy as np

SeriesStyle = Literal["line", "fill", "bar", "points"]


@dataclass(frozen=True)
class Series:
    """One labelled set of points. ``fill`` shades the area under the line;
    ``bar`` draws a bar at each x (or, in a grouped bar figure, per category).
    ``marker`` fixes the character of a line or points series (else one per series)."""

    label: str
    x: tuple[float, ...]
    y: tuple[float, ...]
    style: SeriesStyle = "line"
    marker: str | None = None


@dataclass(frozen=True)
class Figure:
    """A plot as data. ``categories`` makes it a grouped bar chart: each series then
    holds one ``y`` per category. ``message``, when set, replaces the plot."""

    title: str
    xlabel: str = ""
    ylabel: str = ""
    series: tuple[Series, ...] = ()
    categories: tuple[str, ...] = ()
    log_y: bool = False
    ylim: tuple[float, float] | None = None
    notes: tuple[str, ...] = field(default_factory=tuple)
    message: str | None = None

    def with_title(self, title: str | None) -> Figure:
        """The same figure under another title (unchanged when ``title`` is empty)."""
        return replace(self, title=title) if title else self


def series(label: str, x: Iterable[float], y: Iterable[float],
           style: SeriesStyle = "line", marker: str | None = None) -> Series:
    """A :class:`Series` from any iterables of numbers (numpy arrays included)."""
    return Series(label, tuple(float(v) for v in x), tuple(float(v) for v in y), style,
                  marker)


def message_figure(title: str, message: str) -> Figure:
    """A figure that shows ``message`` instead of a plot."""
    return Figure(title=title, message=message)


def first_bad(values: np.ndarray) -> tuple[int, str] | None:
    """Index and name ("nan", "inf", "-inf") of the first non-finite value, if any."""
    bad = np.flatnonzero(~np.isfinite(values))
    if bad.size == 0:
        return None
    i = int(bad[0])
    v = float(values[i])
    return i, "nan" if np.isnan(v) else ("inf" if v > 0 else "-inf")


def fmt(value: float) -> str:
    """A number short enough for a legend or a note."""
    if value == 0 or 1e-3 <= abs(value) < 1e5:
        return f"{value:.4g}"
    return f"{value:.3g}"
