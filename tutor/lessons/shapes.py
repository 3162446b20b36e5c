"""Array shapes as people write them, read and compared: ``(64, 10)``, ``[64, 10]``,
``64x10``, ``64×10``, ``64 by 10``, ``64, 10``; ``(32,)``, ``(32)`` and ``32`` are the
same 1-D shape and ``()`` is a scalar's. A wrong shape gets a reason: a listed
mistake's message, or the transpose, an axis too many or too few, or the right sizes
in the wrong places."""

from __future__ import annotations

import re
from collections.abc import Sequence

MAX_SHAPE_CHARS = 200
MAX_AXES = 8
_BRACKETS = {"(": ")", "[": "]"}
_SEPARATOR = re.compile(r"\s*(?:,|\bby\b|[x×*])\s*|\s+", re.IGNORECASE)


class ShapeError(ValueError):
    """Text that is not a shape; str() says what to write instead."""


def parse_shape(text: str) -> tuple[int, ...]:
    """The shape ``text`` names. Raises :class:`ShapeError`."""
    if len(text) > MAX_SHAPE_CHARS:
        raise ShapeError(f"Can't read that: a shape is a few numbers, not "
                         f"{len(text):,} characters.")
    body = text.strip()
    if body[:1] in _BRACKETS:
        if not body.endswith(_BRACKETS[body[0]]):
            raise ShapeError(f"Can't read that: the {body[0]} is never closed.")
        body = body[1:-1].strip()
    if body.lower() in ("", "scalar"):
        return ()
    body = body[:-1].rstrip() if body.endswith(",") else body
    parts = _SEPARATOR.split(body)
    if len(parts) > MAX_AXES:
        raise ShapeError(f"Can't read that: at most {MAX_AXES} axes, please.")
    if not all(part.isascii() and part.isdigit() and len(part) <= 10 for part in parts):
        raise ShapeError("Can't read that as a shape: write sizes separated by commas, "
                         "like (64, 10), or (32,) for one axis.")
    return tuple(int(part) for part in parts)


def shape_text(shape: Sequence[int]) -> str:
    """A shape as numpy prints it: ``(64, 10)``, ``(32,)``, ``()``."""
    if len(shape) == 1:
        return f"({shape[0]},)"
    return "(" + ", ".join(str(n) for n in shape) + ")"


def _axes(n: int) -> str:
    return f"{n} axis" if n == 1 else f"{n} axes"


def diagnose_shape(answer: Sequence[int], got: Sequence[int]) -> tuple[str, str]:
    """Why ``got`` is not ``answer``: (message, diagnosis name)."""
    answer, got = tuple(answer), tuple(got)
    if len(answer) >= 2 and got == answer[::-1]:
        return "That is the transpose: the same sizes, with the axes the other way round.", \
            "transpose"
    if len(got) == len(answer) + 1:
        return f"One axis too many: the answer has {_axes(len(answer))}.", "extra-axis"
    if len(got) == len(answer) - 1:
        return f"One axis too few: the answer has {_axes(len(answer))}.", "missing-axis"
    if len(got) == len(answer) and sorted(got) == sorted(answer):
        return "The right sizes, in the wrong places: check which axis is which.", "reordered"
    if len(got) == len(answer):
        return f"The right number of axes ({len(answer)}), but not the right sizes.", "sizes"
    return f"Not that shape: the answer has {_axes(len(answer))}, yours {len(got)}.", "axes"
