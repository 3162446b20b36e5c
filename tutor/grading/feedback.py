"""Messages that teach: pure functions from a mismatch or an exception to words.

Nothing here runs code or touches processes; the evaluator passes in what it
saw (the mismatch, the shapes of the inputs, the warnings of the run).
"""

from __future__ import annotations

import math
import re
import signal
from collections.abc import Sequence
from typing import Any

import numpy as np

from tutor.grading.compare import Mismatch
from tutor.grading.wire import Unsupported

OVERFLOW_HINT = ("overflow: subtract the max before exp (or use a form that never exponentiates "
                 "a large positive number)")
LOG_ZERO_WARNING = "divide by zero encountered in log"
LOG_ZERO_HINT = ("numpy warned \"divide by zero encountered in log\": your code took log 0 = "
                 "-inf (an exponential that underflowed to 0, or a probability of exactly 0)")
SANDBOX_REFUSAL = "blocked by the tutor sandbox: "  # how the audit hook's refusals begin
GROWTH_HINT = ("look for a quantity that grows without bound: a learning rate too large, a "
               "missing average (sum instead of mean), or exp of a large number")


def short_text(value: Any, limit: int = 120) -> str:
    """A one-line, bounded description of a value for the learner."""
    text = _text(value, limit)
    return text if len(text) <= limit else text[: limit - 3] + "..."


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
    if isinstance(value, np.random.Generator):
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
        hint = shape_hint(expected, got, arg_shapes)
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
        return where + (f"your function returned {m.detail}, which cannot be graded: return "
                        "numbers, arrays, tuples or dicts")
    if m.kind == "integer":
        return where + "expected whole numbers (counts), got values with a fractional part"
    if m.kind in ("mean", "spread"):
        return where + f"the distribution is off: {m.detail}"
    return where + f"wrong result ({m.kind})"


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
    """Wrong values, with a constant factor or flipped sign called out."""
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


def shape_hint(expected: tuple[int, ...], got: tuple[int, ...],
               arg_shapes: Sequence[tuple[int, ...]] = ()) -> str:
    """Why a shape might be wrong: transposed, keepdims, wrong axis, a missing sum."""
    if len(got) >= 2 and got == expected[::-1]:
        return "it looks transposed"
    squeeze_got = tuple(n for n in got if n != 1)
    squeeze_expected = tuple(n for n in expected if n != 1)
    if squeeze_got == squeeze_expected and len(got) > len(expected):
        return "an extra axis of length 1: keepdims=True or a reshape to a column?"
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


def exception_message(exc: dict[str, Any], where: str = "") -> str:
    """An exception raised by the learner's code, with their own lines of the traceback."""
    kind = exc.get("kind")
    if kind == "exit":
        head = "your code called sys.exit() (or exit()): return a value instead"
    elif kind == "interrupt":
        head = "your code raised KeyboardInterrupt"
    elif kind == "recursion":
        head = "maximum recursion depth exceeded: does your function call itself without end?"
    elif kind == "memory":
        head = "your code ran out of memory (MemoryError)"
    else:
        message = exc.get("message") or ""
        head = f"your code raised {exc.get('type', 'an exception')}" + (f": {message}" if message
                                                                         else "")
    trace = exc.get("trace") or []
    text = head + (f" {where}" if where else "")
    return text + ("\n" + "\n".join(f"  {line}" for line in trace) if trace else "")


def lesson_exception(exc: dict[str, Any], who: str, where: str = "") -> str:
    """An exception raised by lesson code, for its author: ``who`` (the reference solution,
    the generator, ...) raised it ``where`` (" on case 2", " while loading")."""
    kind = exc.get("kind")
    if kind == "memory":
        head = f"{who} ran out of memory (MemoryError){where}"
    elif kind == "recursion":
        head = f"{who} went past the maximum recursion depth{where}"
    elif kind == "exit":
        head = f"{who} called sys.exit() (or exit()){where}"
    else:
        message = str(exc.get("message") or "")
        if message.startswith(SANDBOX_REFUSAL):  # the sandbox's words, to the learner: reword
            message = for_author(message, who)
        head = f"{who} raised {exc.get('type', 'an exception')}{where}" + (
            f": {message}" if message else "")
    trace = exc.get("trace") or []
    return head + ("\n" + "\n".join(f"  {line}" for line in trace) if trace else "")


_AUTHOR_WORDS = [
    (re.compile(r"\byour (code|function)'s\b"), "{whose}"),
    (re.compile(r"\byour (code|function)\b"), "{who}"),
    (re.compile(r"\bdid you\b"), "did it"),
    (re.compile(r"\byou are\b"), "it is"),
    (re.compile(r"\byour\b"), "its"),
    (re.compile(r"\byou\b"), "it"),
]


def for_author(text: str, who: str = "the reference solution") -> str:
    """A learner-facing message about lesson code, reworded for the lesson's author: "your
    function changed its input" becomes "the reference solution changed its input"."""
    whose = "its" if who == "it" else f"{who}'s"
    for pattern, words in _AUTHOR_WORDS:
        text = pattern.sub(words.format(who=who, whose=whose), text)
    return text


def megabytes(size: int, up: bool = False) -> str:
    """``size`` bytes in MB, to two digits below 10 MB; ``up``: rounded up (a size just
    over a limit never reads as the limit itself)."""
    value = size / 2**20
    if value >= 10:
        return str(math.ceil(value) if up else round(value))
    text = f"{value:.2g}"
    return f"{float(text) + 10 ** (math.floor(math.log10(value)) - 1):.2g}" if (
        up and value and float(text) < value) else text


def data_message(who: str, size: int, limit: int) -> str:
    """A child had more results than the grader accepts (``size`` bytes by then, at least)."""
    return (f"{who} sent back more data than the grader accepts ({megabytes(size, up=True)} MB; "
            f"limit {megabytes(limit)} MB)")


def raises_message(expected: str, exc: dict[str, Any] | None) -> str:
    if exc is None:
        return f"expected your function to raise {expected}, but it returned a value"
    return f"expected {expected} to be raised, got {exc.get('type')}: {exc.get('message', '')}"


def crash_message(exit_code: int | None, case_name: str | None) -> str:
    """A child that ended without finishing: a signal or an explicit exit."""
    on = f" on {case_name}" if case_name else ""
    if exit_code is None:
        return f"the sandbox lost track of your code{on}"
    if exit_code < 0:
        try:
            name = signal.Signals(-exit_code).name
        except ValueError:
            name = f"signal {-exit_code}"
        if name == "SIGSEGV":
            return (f"your code crashed with a segmentation fault{on} (invalid memory access, "
                    "or a recursion too deep for the C stack)")
        if name == "SIGABRT":
            return f"your code aborted{on}"
        return f"your code's process was killed by {name}{on}"
    return (f"your code ended the process (exit code {exit_code}){on}: don't call os._exit or "
            "sys.exit, return a value")


SLOW_ADVICE = ("look for an endless loop, or a loop over millions of elements that numpy could "
               "do at once")


def timeout_message(limit: float, case_name: str | None, *, cases: int = 0,
                    twice: bool = False, speed: bool = False,
                    loading: bool | None = None) -> str:
    """The time limit ran out. It covers the whole run (every case, each twice when the
    determinism check is on), so the case it ran out on is only where time was up.
    ``loading``: it ran out at the top level of the file (default: when no case is named)."""
    if speed:
        return (f"the speed check ran longer than {limit:g} s (your function timed several "
                f"times on its input): {SLOW_ADVICE}")
    if loading or (loading is None and case_name is None):
        return (f"your code did not finish loading within {limit:g} s: look for an endless loop, "
                "or slow work at the top level of your file (outside the function)")
    scope = "the case" if cases == 1 else f"all {cases} cases" if cases else "all cases"
    each = " (each case runs twice)" if twice else ""
    where = f" (time ran out on {case_name})" if case_name else ""
    return f"your code did not finish {scope} within {limit:g} s{each}: {SLOW_ADVICE}{where}"


def not_deterministic_message() -> str:
    return ("the same seed gave different results: draw random numbers only from the rng "
            "you are given, never from np.random.* functions")


def rng_not_used_message() -> str:
    return ("your function did not draw from the rng it was given (same seed must give the "
            "same result, and a different seed a different one): use rng.integers / "
            "rng.binomial / rng.random")


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


def changed_input_message(name: str | None, index: int, function: str | None = None) -> str:
    """An array argument the learner's function changed in place (``index`` from 0)."""
    who = f"your function {function}" if function else "your function"
    if name:
        return f"{who} changed its input {name} in place; work on a copy ({name}.copy())"
    return (f"{who} changed its input (positional argument {index + 1}) in place; work on a "
            "copy (.copy() of it)")


def speed_message(speedup: float, needed: float) -> str:
    return (f"too slow: your function is {speedup:.1f}x faster than the loop baseline; it needs "
            f"to be at least {needed:g}x (use whole-array operations)")


def missing_function_message(name: str, found: str | None) -> str:
    if found:
        return f"define a function named {name} (found {name}, but it is a {found})"
    return f"define a function named {name}"
