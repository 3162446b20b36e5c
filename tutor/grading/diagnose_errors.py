"""Generic diagnoses of exceptions: why the learner's code raised, when the exception's own
message shows it. Pure functions over the exceptions of the failing cases, as the child
reported them (``{"type": ..., "message": ...}``), tried in the parent like
:mod:`tutor.grading.diagnose`.

- **an axis reduced away**: numpy could not broadcast an array of shape (n, c) against one
  of shape (n,), which is that array summed (or maxed, averaged) over its last axis
  without ``keepdims=True``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from tutor.grading.diagnose import Diagnosis
from tutor.grading.feedback_values import shape_text

_BROADCAST = re.compile(r"operands could not be broadcast together with shapes "
                        r"\(([\d,]*)\) \(([\d,]*)\)\s*$")


def _shape(text: str) -> tuple[int, ...]:
    return tuple(int(n) for n in text.split(",") if n)


def lost_axis(exceptions: Sequence[Mapping[str, Any]]) -> Diagnosis | None:
    """Every exception is numpy's broadcasting ValueError between a shape and that shape
    without one of its axes (at least one exception; the same pair each time is not
    needed, the pattern is)."""
    if not exceptions:
        return None
    found: tuple[tuple[int, ...], tuple[int, ...], int] | None = None
    for exc in exceptions:
        match = _BROADCAST.search(str(exc.get("message") or "")) if exc.get(
            "type") == "ValueError" else None
        if match is None:
            return None
        a, b = _shape(match.group(1)), _shape(match.group(2))
        full, reduced = (a, b) if len(a) == len(b) + 1 else (b, a)
        axes = [k for k in range(len(full)) if full[:k] + full[k + 1:] == reduced]
        if len(full) != len(reduced) + 1 or not axes:
            return None
        if found is None:
            found = (full, reduced, axes[-1])
    assert found is not None
    full, reduced, axis = found
    kept = full[:axis] + (1,) + full[axis + 1:]
    which = "last axis" if axis == len(full) - 1 else f"axis {axis}"
    return Diagnosis("reduced-without-keepdims", (
        f"numpy could not broadcast shapes {shape_text(full)} and {shape_text(reduced)}: "
        f"{shape_text(reduced)} looks like the {shape_text(full)} array reduced over its "
        f"{which} (a sum, a max or a mean) with that axis dropped. Keep it with "
        f"`keepdims=True` (shape {shape_text(kept)}), so that each value lines up with "
        "the slice it came from."))
