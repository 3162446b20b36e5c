"""Is a typed formula the answer? Both are evaluated at random points drawn from the
declared intervals (a fresh draw each time) and compared with a relative tolerance,
as WeBWorK and Khan Academy's expression input do.

A wrong formula gets a reason: the author's message when it matches a listed mistake,
else a generic diagnosis (a constant or variable factor, an additive constant, a
variable left out, a point where it has no finite value), else the first point where
it differs, with both values."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from tutor.lessons.formula.evaluate import evaluate
from tutor.lessons.formula.nodes import Node, variables
from tutor.lessons.formula.render import number_text

MIN_POINTS = 30
DRAW = 64
MAX_DRAWS = 8
Intervals = Mapping[str, tuple[float, float]]


@dataclass(frozen=True)
class FormulaVerdict:
    """``mistake`` is the listed mistake's answer, or the name of a generic diagnosis
    (``factor``, ``offset``, ``missing-variable``, ``not-finite``, ``differs``)."""

    correct: bool
    message: str
    mistake: str | None = None


@dataclass(frozen=True)
class ListedMistake:
    tree: Node
    answer: str
    message: str


@dataclass(frozen=True)
class Points:
    """Sample points where the answer is finite, and the answer's values there."""

    coords: dict[str, np.ndarray]
    answer: np.ndarray

    @property
    def size(self) -> int:
        return len(self.answer)

    def describe(self, i: int) -> str:
        return ", ".join(f"{name} = {_num(values[i])}" for name, values in self.coords.items())


def _num(value: float) -> str:
    return number_text(float(f"{value:.3g}")).replace("-", "−") if math.isfinite(value) \
        else ("nan" if math.isnan(value) else ("−inf" if value < 0 else "inf"))


def sample_points(answer: Node, intervals: Intervals, rng: np.random.Generator) -> Points:
    """At least MIN_POINTS points where the answer is finite (fewer only when the answer
    is rarely finite on the intervals; none when never)."""
    coords: dict[str, list[np.ndarray]] = {name: [] for name in intervals}
    values: list[np.ndarray] = []
    found = 0
    for _ in range(MAX_DRAWS):
        draw = {name: rng.uniform(low, high, DRAW) for name, (low, high) in intervals.items()}
        got = evaluate(answer, draw, DRAW)
        keep = np.isfinite(got)
        for name in intervals:
            coords[name].append(draw[name][keep])
        values.append(got[keep])
        found += int(keep.sum())
        if found >= MIN_POINTS:
            break
    return Points({name: np.concatenate(parts) for name, parts in coords.items()},
                  np.concatenate(values))


def close(expected: np.ndarray, got: np.ndarray, rtol: float) -> np.ndarray:
    """Where ``got`` agrees with ``expected``, relative to the values and their scale."""
    scale = float(np.max(np.abs(expected))) if expected.size else 0.0
    with np.errstate(all="ignore"):
        return np.abs(got - expected) <= rtol * np.maximum(np.abs(expected), np.abs(got)) \
            + 1e-12 * scale + 1e-300


def judge(answer: Node, response: Node, intervals: Intervals, points: Points,
          mistakes: Sequence[ListedMistake] = (), rtol: float = 1e-6) -> FormulaVerdict:
    """The verdict on ``response`` against ``answer`` at ``points``."""
    got = evaluate(response, points.coords, points.size)
    finite = np.isfinite(got)
    if finite.all() and close(points.answer, got, rtol).all():
        return FormulaVerdict(True, "Correct.")
    for mistake in mistakes:
        theirs = evaluate(mistake.tree, points.coords, points.size)
        where = np.isfinite(theirs)
        if where.any() and (finite | ~where).all() and close(theirs[where], got[where],
                                                               rtol).all():
            return FormulaVerdict(False, mistake.message, mistake.answer)
    if not finite.all():
        i = int(np.argmin(finite))
        return FormulaVerdict(False, f"Your formula has no finite value at {points.describe(i)}"
                              f" (it gives {_num(got[i])}), where the answer is "
                              f"{_num(points.answer[i])}.", "not-finite")
    return _diagnose(answer, response, intervals, points, got, rtol)


def _constant(values: np.ndarray, rtol: float) -> float | None:
    """The value every entry shares (to the tolerance), or None."""
    if values.size == 0 or not np.isfinite(values).all():
        return None
    middle = float(np.median(values))
    return middle if close(np.full_like(values, middle), values, rtol).all() else None


_FACTORS: list[tuple[float, str]] = [
    (2.0, "twice the answer at every point: there is a factor of 2 too many"),
    (0.5, "half the answer at every point: a factor of 2 is missing"),
    (-1.0, "the answer with the opposite sign at every point: check the signs"),
    (math.log(2), "the answer times ln 2 at every point: ln and log₂ differ by that factor"),
    (1 / math.log(2), "the answer divided by ln 2 at every point: ln and log₂ differ by that "
                      "factor"),
]


def _diagnose(answer: Node, response: Node, intervals: Intervals, points: Points,
              got: np.ndarray, rtol: float) -> FormulaVerdict:
    nonzero = np.abs(points.answer) > 1e-12 * max(1.0, float(np.max(np.abs(points.answer))))
    if nonzero.sum() >= 3:
        with np.errstate(all="ignore"):
            ratio = got[nonzero] / points.answer[nonzero]
        factor = _constant(ratio, 1e-6)
        if factor is not None and abs(factor - 1) > 1e-6 and abs(factor) > 1e-9:
            for known, text in _FACTORS:
                if abs(factor - known) <= 1e-6 * abs(known):
                    return FormulaVerdict(False, f"Your formula is {text}.", "factor")
            return FormulaVerdict(False, f"Your formula is {_num(factor)} times the answer at "
                                  "every point: check the constant factors.", "factor")
        for name in intervals:
            values = points.coords[name][nonzero]
            for times, text in ((values, f"times {name}"), (1 / values, f"divided by {name}")):
                if close(times, ratio, rtol).all():
                    return FormulaVerdict(False, f"Your formula is the answer {text} at every "
                                          f"point: check the powers of {name}.", "factor")
    offset = _constant(got - points.answer, 1e-6)
    if offset is not None:
        sign = "plus" if offset > 0 else "minus"
        return FormulaVerdict(False, f"Your formula is the answer {sign} {_num(abs(offset))} "
                              "at every point: look for a constant term that should not be "
                              "there, or one that is missing.", "offset")
    missing = sorted(variables(answer) - variables(response))
    if missing:
        return FormulaVerdict(False, f"Your formula does not depend on {missing[0]}, but the "
                              "answer does.", "missing-variable")
    i = int(np.argmin(close(points.answer, got, rtol)))
    return FormulaVerdict(False, f"Not the same formula: at {points.describe(i)} the answer is "
                          f"{_num(points.answer[i])} but yours gives {_num(got[i])}.", "differs")
