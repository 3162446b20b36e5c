"""Messages that teach: pure functions from a mismatch or an exception to words.

Nothing here runs code or touches processes; the evaluator passes in what it
saw (the mismatch, the shapes of the inputs, the warnings of the run). Here: how a
run ended (exceptions, crashes, time, the checks around the outputs) for the learner,
and lesson code's failures for its author; values as text are in
:mod:`tutor.grading.feedback_values`, wrong outputs in :mod:`tutor.grading.feedback_mismatch`
(both importable from here).
"""

from __future__ import annotations

import re
import signal
from typing import Any

from tutor.grading.feedback_mismatch import (
    GROWTH_HINT,
    LOG_ZERO_HINT,
    LOG_ZERO_WARNING,
    OVERFLOW_HINT,
    describe,
    exp_overflow,
    overflow_warning_message,
    shape_hint,
    value_message,
)
from tutor.grading.feedback_values import megabytes, number_pair, shape_text, short_text
from tutor.grading.refusals import Refusal

__all__ = [
    "GROWTH_HINT", "LOG_ZERO_HINT", "LOG_ZERO_WARNING", "OVERFLOW_HINT",
    "SLOW_ADVICE", "changed_input_message", "crash_message", "data_message", "describe",
    "exception_message", "exp_overflow", "for_author", "lesson_exception", "megabytes",
    "missing_function_message", "not_deterministic_message", "number_pair",
    "overflow_warning_message", "raises_message", "relative_speed", "rng_not_used_message",
    "shape_hint", "shape_text", "short_text", "speed_message", "timeout_message",
    "value_message",
]


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
        if exc.get("refusal"):  # the sandbox's words, to the learner: reword
            message = for_author(Refusal.from_wire(exc["refusal"]).error_text, who)
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
    """The time limit ran out. It covers the whole run (every case, a few of them twice when
    the determinism check is on), so the case it ran out on is only where time was up.
    ``loading``: it ran out at the top level of the file (default: when no case is named)."""
    if speed:
        return (f"the speed check ran longer than {limit:g} s (your function runs once on each "
                f"of its inputs): {SLOW_ADVICE}")
    if loading or (loading is None and case_name is None):
        return (f"your code did not finish loading within {limit:g} s: look for an endless loop, "
                "or slow work at the top level of your file (outside the function)")
    scope = "the case" if cases == 1 else f"all {cases} cases" if cases else "all cases"
    each = "" if not twice else " (it runs twice)" if cases == 1 else " (a few of them twice)"
    where = f" (time ran out on {case_name})" if case_name else ""
    return f"your code did not finish {scope} within {limit:g} s{each}: {SLOW_ADVICE}{where}"


def not_deterministic_message() -> str:
    return ("the same seed gave different results: draw random numbers only from the rng "
            "you are given, never from np.random.* functions")


def rng_not_used_message() -> str:
    return ("your function did not draw from the rng it was given (same seed must give the "
            "same result, and a different seed a different one): use rng.integers / "
            "rng.binomial / rng.random")


def changed_input_message(name: str | None, index: int, function: str | None = None) -> str:
    """An array argument the learner's function changed in place (``index`` from 0)."""
    who = f"your function {function}" if function else "your function"
    if name:
        return f"{who} changed its input {name} in place; work on a copy ({name}.copy())"
    return (f"{who} changed its input (positional argument {index + 1}) in place; work on a "
            "copy (.copy() of it)")


def relative_speed(speedup: float) -> str:
    """``speedup`` (the baseline's time over the learner's) in words: "2.5x faster",
    "1.3x slower" (never "0.8x faster")."""
    if speedup >= 1:
        return f"{speedup:.1f}x faster"
    return f"{1 / speedup:.1f}x slower"


def speed_message(speedup: float, needed: float) -> str:
    return (f"too slow: your function is {relative_speed(speedup)} than the loop baseline; it "
            f"needs to be at least {needed:g}x faster (use whole-array operations)")


def missing_function_message(name: str, found: str | None, want: str | None = None) -> str:
    kind = want or "function"
    if found:
        return f"define a {kind} named {name} (found {name}, but it is a {found})"
    return f"define a {kind} named {name}"
