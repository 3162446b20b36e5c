"""Why an output is wrong, in the learner's words: one mismatch (shape, value, type, keys,
NaN/inf with overflow advice) to a sentence. Part of :mod:`tutor.grading.feedback`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from tutor.grading.compare import Mismatch, near_miss
from tutor.grading.feedback_values import number_pair, shape_text, short_text
from tutor.grading.wire import Unsupported
from tutor.lazynumpy import np

OVERFLOW_HINT = ("overflow: subtract the max before exp (or use a form that never exponentiates "
                 "a large positive number)")
LOG_ZERO_WARNING = "divide by zero encountered in log"
LOG_ZERO_HINT = ("numpy warned \"divide by zero encountered in log\": your code took log 0 = "
                 "-inf (an exponential that underflowed to 0, or a probability of exactly 0)")
ZERO_BY_ZERO_WARNING = "invalid value encountered in divide"
UNDERFLOW_HINT = ("numpy warned \"invalid value encountered in divide\": 0 / 0. Every exp(...) "
                  "in a row underflowed to 0, so the row's sum is 0: subtract each row's own "
                  "max (`z.max(axis=-1, keepdims=True)`), not one max for the whole batch")
ZERO_BY_ZERO_HINT = ("numpy warned \"invalid value encountered in divide\": your code divided "
                     "0 by 0 (a sum, a count or a spread that is 0 on this case)")
GROWTH_HINT = ("look for a quantity that grows without bound: a learning rate too large, a "
               "missing average (sum instead of mean), or exp of a large number")


def _shape(value: Any) -> tuple[int, ...]:
    return tuple(np.shape(value))


def _kind_of(value: Any) -> str:
    if value is None:
        return "None"
    if isinstance(value, Unsupported):
        return value.type_name
    if isinstance(value, np.ndarray):
        return f"an array of shape {shape_text(value.shape)}"
    if isinstance(value, (tuple, list)) and value and all(isinstance(v, str) for v in value):
        return f"the strings {short_text(value, 60)}"
    if isinstance(value, (tuple, list)):
        return f"a {type(value).__name__} of {len(value)} value{'s' if len(value) != 1 else ''}"
    if isinstance(value, dict):
        return "a dict"
    if isinstance(value, str):
        return f"the string {short_text(value, 60)}"
    if isinstance(value, (bool, int, float, complex, np.generic)):
        return "a number"
    return f"a {type(value).__name__}"


def describe(m: Mismatch, arg_shapes: Sequence[tuple[int, ...]] = (), large_inputs: bool = False,
             warnings: Sequence[str] = (), calls_exp: bool = False) -> str:
    """The learner-facing explanation of one mismatch. ``calls_exp``: the learner's code
    exponentiates where the exercise does (so an overflow most likely comes from exp)."""
    where = f"output {m.path}: " if m.path else ""
    if m.kind == "shape":
        got, expected = _shape(m.got), _shape(m.expected)
        text = f"wrong shape: got {shape_text(got)}, expected {shape_text(expected)}"
        hint = one_off_hint(m.expected, m.got) or shape_hint(expected, got, arg_shapes)
        return where + text + (f" ({hint})" if hint else "")
    if m.kind == "none":
        if m.got is None:
            return where + "your function returned None: did you forget to return?"
        return where + f"expected None, got {_kind_of(m.got)}"
    if m.kind in ("nan", "inf"):
        what = "NaN" if m.kind == "nan" else "infinity"
        text = f"got {what} ({m.detail} values{_at(m.where)}) where the expected result is finite"
        overflowed = any("overflow" in w for w in warnings)
        if not overflowed and any(LOG_ZERO_WARNING in w for w in warnings):
            return where + f"{text}: {LOG_ZERO_HINT}"
        if not overflowed and any(ZERO_BY_ZERO_WARNING in w for w in warnings):
            return where + f"{text}: {UNDERFLOW_HINT if calls_exp else ZERO_BY_ZERO_HINT}"
        if (overflowed or large_inputs) and exp_overflow(warnings, calls_exp):
            return where + f"{text}: {OVERFLOW_HINT}"
        if overflowed:
            return where + (f"your values overflowed to inf/NaN on this case ({what} in "
                            f"{m.detail} values{_at(m.where)}; the reference stays finite): "
                            + GROWTH_HINT)
        return where + text
    if m.kind == "value":
        return where + value_message(m)
    if m.kind == "type":
        return where + f"expected {_expected_kind(m.expected)}, got {_kind_of(m.got)}"
    if m.kind == "length":
        return where + f"expected {len(m.expected)} values, got {len(m.got)}"
    if m.kind == "keys":
        text = ("missing key" + ("s " if len(m.missing) > 1 else " ")
                + ", ".join(repr(k) for k in m.missing))
        if m.extra:  # extra keys are not graded, but one may be the missing key misspelled
            text += (" (your dict also has " + ", ".join(repr(k) for k in m.extra[:8])
                     + ("..." if len(m.extra) > 8 else "") + ", which "
                     + ("is" if len(m.extra) == 1 else "are") + " not graded)")
        return where + text
    if m.kind == "unsupported":
        return where + unsupported_message(m.detail)
    if m.kind == "integer" and m.detail:
        return where + (f"expected an integer array (counts), got whole numbers of dtype "
                        f"{m.detail}: return integers, e.g. with .astype(int)")
    if m.kind == "integer":
        return where + "expected whole numbers (counts), got values with a fractional part"
    if m.kind in ("mean", "spread"):
        return where + f"the distribution is off: {m.detail}"
    return where + f"wrong result ({m.kind})"


def unsupported_message(detail: str) -> str:
    """A value the grader cannot read, named by what it is (the child's description)."""
    if detail == "array of dtype object":
        return ("your array has dtype object (numbers kept as Python objects, e.g. from "
                "np.array of a list mixing arrays and numbers); convert it with .astype(float)")
    if detail.startswith("array of dtype "):
        return (f"your array has {detail[len('array of '):]}, which cannot be graded: "
                "return an array of numbers")
    if "too " in detail:
        return f"your function returned an {detail}" if detail.startswith("array") else \
            f"your function returned a {detail}"
    return (f"your function returned {detail}, which cannot be graded: return numbers, "
            "arrays, tuples or dicts")


def _expected_kind(value: Any) -> str:
    if isinstance(value, (tuple, list)):
        return f"a tuple of {len(value)} value{'s' if len(value) != 1 else ''}"
    if isinstance(value, dict):
        return "a dict with keys " + ", ".join(repr(k) for k in value)
    if isinstance(value, np.ndarray) and value.ndim:
        return f"an array of shape {shape_text(value.shape)}"
    if isinstance(value, str):
        return "a string"
    return "a number"


def _at(where: tuple[int, ...] | None) -> str:
    return f", first at index {shape_text(where)}" if where else ""


def value_message(m: Mismatch) -> str:
    """Wrong values, with a constant factor or flipped sign called out, and the tolerance
    when they are so close that the difference looks like rounding."""
    text = _value_text(m)
    if near_miss(m) and m.tolerance is not None:
        rtol, atol = m.tolerance
        text += (f" (the difference is {m.excess:.2g} times the tolerance used here: "
                 f"rtol {rtol:g}, atol {atol:g})")
    return text


def _value_text(m: Mismatch) -> str:
    got, expected = np.asarray(m.got), np.asarray(m.expected)
    if expected.ndim == 0:
        got_text, expected_text = number_pair(m.got, m.expected)
        text = f"wrong value: got {got_text}, expected {expected_text}"
        if m.factor is not None:
            text += f" ({_factor_text(m.factor)})"
        return text
    if m.factor is not None:
        return f"wrong values: {_factor_text(m.factor)}"
    index = m.where or ()
    at = ""
    if index and len(index) == expected.ndim:
        got_text, expected_text = number_pair(got[index], expected[index])
        at = f"; at index {shape_text(index)} got {got_text}, expected {expected_text}"
    return f"wrong values: {m.detail} differ{at}"


def _factor_text(factor: float) -> str:
    if np.isclose(factor, -1.0):
        return "your result has the opposite sign of the expected"
    inverse = 1.0 / factor
    if abs(inverse) >= 2 and np.isclose(inverse, round(inverse), rtol=1e-9, atol=0):
        return f"your result is {'-' if factor < 0 else ''}1/{abs(round(inverse))} of the expected"
    return f"your result is {factor:.4g}x the expected"


def one_off_hint(expected: Any, got: Any) -> str:
    """A 1-D result that is the expected one with one value more or fewer, at an end (an
    extra final loss, a loop one step too long or too short), named; else ""."""
    try:
        e, g = np.asarray(expected, dtype=float), np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        return ""
    if e.ndim != 1 or g.ndim != 1 or abs(e.size - g.size) != 1 or min(e.size, g.size) < 2:
        return ""

    def same(a: np.ndarray, b: np.ndarray) -> bool:
        return bool(np.allclose(a, b, rtol=1e-6, atol=1e-8, equal_nan=True))

    if g.size > e.size:
        if same(g[:-1], e):
            return ("the expected values plus one more at the end: one step too many, or a "
                    "value appended after the loop")
        if same(g[1:], e):
            return "the expected values plus one more at the start"
    else:
        if same(g, e[:-1]):
            return "the expected values without the last one: one step too few"
        if same(g, e[1:]):
            return ("the expected values without the first one: the value before the first "
                    "step is missing")
    return ""


def shape_hint(expected: tuple[int, ...], got: tuple[int, ...],
               arg_shapes: Sequence[tuple[int, ...]] = ()) -> str:
    """Why a shape might be wrong: transposed, keepdims, wrong axis, a missing sum."""
    if len(got) >= 2 and got == expected[::-1]:
        return "it looks transposed"
    squeeze_got = tuple(n for n in got if n != 1)
    squeeze_expected = tuple(n for n in expected if n != 1)
    if expected == () and got and all(n == 1 for n in got):
        return "an array holding one number, where a plain number is expected: .item() gives it"
    if squeeze_got == squeeze_expected and len(got) > len(expected):
        if len(got) == len(expected) + 1 and got[:-1] == expected:
            return ("an extra axis of length 1 at the end: a column (from keepdims=True or a "
                    "(d, 1) weight?) where a flat array is expected")
        return "an extra axis of length 1: drop it with .squeeze() or by indexing"
    if squeeze_got == squeeze_expected and len(got) < len(expected):
        return "an axis of length 1 is missing: keepdims=True or [:, None] keeps it"
    for shape in arg_shapes:
        if len(shape) < 2:
            continue
        reduced = [tuple(n for i, n in enumerate(shape) if i != axis) for axis in range(len(shape))]
        if expected in reduced and got in reduced and got != expected:
            return (f"it looks reduced over the wrong axis: axis {reduced.index(got)} instead "
                    f"of axis {reduced.index(expected)}")
    if expected == () and got:
        return "expected a single number: did you forget to sum?"
    return ""


def exp_overflow(warnings: Sequence[str], calls_exp: bool) -> bool:
    """Whether "subtract the max before exp" is the right advice: the code exponentiates,
    and no overflow warning names another operation (numpy names the ufunc: "overflow
    encountered in exp" / "in multiply")."""
    overflows = [w for w in warnings if "overflow" in w]
    return calls_exp and (not overflows or any(" in exp" in w for w in overflows))


def overflow_warning_message(warnings: Sequence[str], calls_exp: bool = False) -> str:
    first = next(w for w in warnings if "overflow" in w)
    hint = OVERFLOW_HINT if exp_overflow(warnings, calls_exp) else GROWTH_HINT
    return f"numpy warned: {first} ({hint})"
