"""How well an item was recalled, read from what the learner did: the one home of the
review rating rule (an FSRS rating, never asked of the learner).

A *window* is the stretch of events one rating is about: for the first time an item
is got right, every event up to that first success; for a review, the events since
the review began, up to its first success (or all of them, when it never succeeded).

- the solution was shown in the window, or it is a review that was failed (or never
  passed): **Again**;
- passed after failed checks, wrong answers or hints: **Hard**;
- a review passed at once, without hints: **Easy**;
- passed at once the first time: **Good**.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from fsrs import Rating

__all__ = ["Performance", "Rating", "answer_performance", "attempt_performance", "rate"]


@dataclass(frozen=True)
class Performance:
    """What happened in one window. ``at``: the time of the first success (else of
    the last event); ``passed``: some check passed / answer was right; ``failed``:
    failed checks or wrong answers before it; ``hints``: the most hints revealed;
    ``solution_seen``: the solution was shown."""

    at: float
    passed: bool = False
    failed: int = 0
    hints: int = 0
    solution_seen: bool = False


def rate(performance: Performance, *, review: bool) -> Rating:
    """The FSRS rating of a window (the rule in the module docstring)."""
    if performance.solution_seen or not performance.passed:
        return Rating.Again
    if review and performance.failed:
        return Rating.Again
    if performance.failed or performance.hints:
        return Rating.Hard
    return Rating.Easy if review else Rating.Good


# (at, passed, hints_used, after_solution) of each attempt, in log order
AttemptEvent = tuple[float, Any, int, Any]


def attempt_performance(attempts: Iterable[AttemptEvent], solution_views: Iterable[float],
                        *, since: float | None) -> Performance | None:
    """An exercise's window: attempts at or after ``since`` (all of them for the first
    success, ``since=None``) up to the first passing one. ``solution_views``: times
    the solution was shown (the first and the last view are kept). For the first
    success, the passing attempt's ``after_solution`` also counts as seen. None when
    the window holds no attempt."""
    start = float("-inf") if since is None else since
    failed, hints, last = 0, 0, None
    for at, passed, hints_used, after_solution in attempts:
        if at < start:
            continue
        hints = max(hints, int(hints_used))
        last = float(at)
        if passed:
            seen = any(start <= t <= at for t in solution_views)
            seen = seen or (since is None and bool(after_solution))
            return Performance(float(at), True, failed, hints, seen)
        failed += 1
    if last is None:
        return None
    seen = any(t >= start for t in solution_views)
    return Performance(last, False, failed, hints, seen)


def answer_performance(answers: Iterable[tuple[float, Any]], *,
                       since: float | None) -> Performance | None:
    """A question's window: answers ``(at, correct)`` at or after ``since`` up to the
    first right one. None when the window holds no answer."""
    start = float("-inf") if since is None else since
    failed, last = 0, None
    for at, correct in answers:
        if at < start:
            continue
        last = float(at)
        if correct:
            return Performance(float(at), True, failed)
        failed += 1
    return None if last is None else Performance(last, False, failed)
