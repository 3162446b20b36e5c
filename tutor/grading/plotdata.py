"""The data of an exercise plot: the learner's values beside the reference's.

A verdict carries one :class:`PlotData` when the exercise has a ``plot:``; the
evaluator builds it from the runs' decoded outputs (:meth:`PlotData.from_outputs`,
where the child's values are turned into floats), and ``tutor.plots`` draws it
(:func:`tutor.plots.comparison.comparison_figure`). Plain data, no numpy values.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

MAX_VALUES = 100_000  # values kept per side; a plot shows far fewer


@dataclass(frozen=True)
class PlotData:
    """One exercise plot's data.

    ``kind`` and ``params``: the exercise's ``plot:`` (a kind of
    ``tutor.lessons.plotspecs``, params as the author wrote them); ``title``: the
    plot's title or the exercise's; ``learner`` and ``reference``: the drawn output
    of each run, flattened to at most :data:`MAX_VALUES` floats (may be non-finite;
    empty when the output had no numbers).
    """

    kind: str
    title: str
    learner: tuple[float, ...]
    reference: tuple[float, ...]
    params: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not isinstance(self.kind, str) or not isinstance(self.title, str):
            raise TypeError("PlotData: kind and title are text")
        if not isinstance(self.params, Mapping):
            raise TypeError("PlotData: params is a mapping")
        for side in ("learner", "reference"):
            values = getattr(self, side)
            if not isinstance(values, tuple) or len(values) > MAX_VALUES \
                    or not all(type(v) is float for v in values):
                raise TypeError(f"PlotData: {side} is a tuple of at most {MAX_VALUES} floats")

    @classmethod
    def from_outputs(cls, kind: str, learner: Any, reference: Any, *, title: str = "",
                     params: Mapping[str, Any] | None = None,
                     output: int | str | None = None) -> PlotData:
        """The plot of two decoded outputs (from the child: any plain data), each reduced
        to its numbers by :func:`values_of`."""
        return cls(kind=kind, title=title, params=dict(params or {}),
                   learner=values_of(learner, output), reference=values_of(reference, output))

    def to_json(self) -> dict[str, Any]:
        """Plain JSON data; non-finite values become null."""
        return {"kind": self.kind, "title": self.title, "params": dict(self.params),
                "learner": [_finite(v) for v in self.learner],
                "reference": [_finite(v) for v in self.reference]}


def values_of(value: Any, output: int | str | None) -> tuple[float, ...]:
    """The numbers of one output (tuple index or dict key; all when None, a tuple's
    parts one after the other), flattened; empty when there are none (``None``, text,
    a missing key)."""
    import numpy as np

    if value is None:
        return ()
    try:
        if output is not None:
            value = value[output] if not isinstance(value, dict) else value[str(output)]
        if output is None and isinstance(value, tuple | list):
            parts = [np.asarray(part, dtype=float).ravel() for part in value]
            array = np.concatenate(parts) if parts else np.empty(0)
        else:
            array = np.asarray(value, dtype=float).ravel()
    except (KeyError, IndexError, TypeError, ValueError, OverflowError):
        return ()
    return tuple(float(x) for x in array[:MAX_VALUES])


def _finite(value: float) -> float | None:
    return value if math.isfinite(value) else None
