"""Values as text for messages: bounded one-line descriptions, numbers with enough digits
to see how they differ, shapes, sizes in MB. Part of :mod:`tutor.grading.feedback`."""

from __future__ import annotations

import math
from typing import Any

from tutor.grading.compare import closeness
from tutor.grading.wire import is_generator
from tutor.lazynumpy import np
from tutor.safetext import clip, printable


def short_text(value: Any, limit: int = 120) -> str:
    """A one-line, bounded description of a value for the learner."""
    text = printable(_text(value, limit))
    return clip(text, limit, "...")


def _text(value: Any, limit: int) -> str:
    if isinstance(value, np.ndarray):
        if value.ndim == 0:
            return f"array({_text(value[()], limit)})"
        body = _nested(value, limit)
        return body if value.size <= 12 else f"{body} (shape {shape_text(value.shape)})"
    if isinstance(value, np.generic):
        return _text(value.item(), limit)
    if isinstance(value, float):
        return f"{value:.10g}"
    if isinstance(value, tuple):
        inner = ", ".join(_text(v, limit) for v in value[:8])
        return f"({inner}{', ...' if len(value) > 8 else ''}{',' if len(value) == 1 else ''})"
    if isinstance(value, list):
        return "[" + ", ".join(_text(v, limit) for v in value[:8]) + (", ...]" if len(value) > 8
                                                                       else "]")
    if isinstance(value, dict):
        items = [f"{k!r}: {_text(v, limit)}" for k, v in list(value.items())[:8]]
        return "{" + ", ".join(items) + "}"
    if is_generator(value):
        return f"Generator({type(value.bit_generator).__name__})"
    return repr(value)


def _nested(array: np.ndarray, limit: int) -> str:
    """``[[1, 2.5], [3, 4]]`` with at most the first few items of each axis (fast: no
    numpy printing machinery, which is slow for many small arrays)."""
    if array.ndim == 0:
        return _text(array.item(), limit)
    shown = array[: 4 if array.ndim == 1 else 2]
    items = [_nested(row, limit) for row in shown]
    if len(array) > len(shown):
        items.append("...")
    return "[" + ", ".join(items) + "]"


def shape_text(shape: tuple[int, ...]) -> str:
    return "(" + ", ".join(str(n) for n in shape) + ("," if len(shape) == 1 else "") + ")"


def number_pair(got: Any, expected: Any, min_digits: int = 4) -> tuple[str, str]:
    """Both numbers as text, with enough significant digits to see how they differ
    (``39.00009`` and ``39``, not ``39`` twice); other values as :func:`short_text`."""
    g, e = _real(got), _real(expected)
    if g is None or e is None or _is_bool(got) or _is_bool(expected):
        return short_text(got), short_text(expected)
    if isinstance(g, int) and isinstance(e, int):
        return str(g), str(e)
    digits = min_digits
    for d in range(1, 18):
        if f"{float(g):.{d}g}" != f"{float(e):.{d}g}":
            digits = max(min_digits, min(17, d + 1))  # one more digit than where they part
            break
    else:
        digits = 17
    # Rounding can merge them again at more digits (4.60472 and 4.60522 part at 3 digits,
    # 4.60 and 4.61, but both print as 4.605 at 4): add digits until the texts differ.
    while digits < 17 and float(g) != float(e) and \
            _number_text(g, digits) == _number_text(e, digits):
        digits += 1
    return _number_text(g, digits), _number_text(e, digits)


def _is_bool(value: Any) -> bool:
    return isinstance(value, (bool, np.bool_)) or (isinstance(value, np.ndarray) and
                                                   value.dtype.kind == "b")


def _real(value: Any) -> int | float | None:
    """A plain real number from a Python or numpy scalar (or 0-d array), else None."""
    if isinstance(value, np.ndarray) and value.ndim == 0:
        value = value[()]
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, bool):
        return int(value)
    return value if isinstance(value, (int, float)) else None


def _number_text(value: int | float, digits: int) -> str:
    if isinstance(value, int):
        return str(value)
    text, exact = f"{value:.{digits}g}", repr(value)  # repr: the shortest exact form
    return exact if len(exact) <= len(text) and "e" not in exact else text


def megabytes(size: int, up: bool = False) -> str:
    """``size`` bytes in MB, to two digits below 10 MB; ``up``: rounded up (a size just
    over a limit never reads as the limit itself)."""
    value = size / 2**20
    if value >= 10:
        return str(math.ceil(value) if up else round(value))
    text = f"{value:.2g}"
    return f"{float(text) + 10 ** (math.floor(math.log10(value)) - 1):.2g}" if (
        up and value and float(text) < value) else text


MAP_ROWS, MAP_COLUMNS = 12, 24
DIFFERS, MATCHES = "✗", "·"


def difference_map(expected: Any, got: Any, tolerance: tuple[float, float] | None) -> str:
    """Where two same-shaped 1-D or 2-D arrays differ, as rows of ``·`` (matches) and ``✗``
    (differs), so a transpose, one wrong row or the last entry stands out (marks, not
    colour). Empty when there is no picture to draw: other shapes, fewer than two entries,
    or nothing that matches."""
    try:
        e = np.asarray(expected, dtype=float)
        g = np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        return ""
    if e.shape != g.shape or e.ndim not in (1, 2) or e.size < 2:
        return ""
    rtol, atol = tolerance or (1e-6, 1e-8)
    _, close = closeness(e, g, rtol, atol)
    if close.all() or not close.any():
        return ""
    grid = close if close.ndim == 2 else close[None, :]
    rows = [" ".join(MATCHES if ok else DIFFERS for ok in row[:MAP_COLUMNS])
            + (" …" if grid.shape[1] > MAP_COLUMNS else "") for row in grid[:MAP_ROWS]]
    if grid.shape[0] > MAP_ROWS:
        rows.append(f"… {grid.shape[0] - MAP_ROWS} more rows")
    shape = "×".join(str(n) for n in e.shape)
    wrong = int((~close).sum())
    return "\n".join([f"{wrong} of {close.size} entries differ ({shape}; {DIFFERS} differs, "
                      f"{MATCHES} matches):", *rows])
