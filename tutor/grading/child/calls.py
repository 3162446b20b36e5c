"""Calling code inside a sandboxed child: load source, call functions, describe exceptions.

The plain pieces :mod:`tutor.grading.child.harness` builds its operations from; imported
with it by the warm worker before paths are hidden, and runs only in children.
"""

from __future__ import annotations

import builtins
import io
import linecache
import traceback
import warnings
from collections.abc import Callable
from typing import Any

import numpy as np

from tutor.grading import encoding
from tutor.grading.child.audit import Refused
from tutor.grading.wire import NAME_CHARS, STDOUT_CAP
from tutor.safetext import clip

LINE_CHARS = 600
_ndarray = np.ndarray
_Generator = np.random.Generator


class CappedText(io.TextIOBase):
    """A text stream that keeps the first ``cap`` characters and counts the rest."""

    def __init__(self, cap: int = STDOUT_CAP) -> None:
        self.cap = cap
        self.parts: list[str] = []
        self.kept = 0
        self.dropped = 0

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        text = str(text)
        room = self.cap - self.kept
        if room > 0:
            self.parts.append(text[:room])
            self.kept += min(room, len(text))
        self.dropped += max(0, len(text) - max(room, 0))
        return len(text)

    def take(self) -> str:
        """Everything written since the last call."""
        out = "".join(self.parts)
        self.parts.clear()
        return out


def describe_exception(exc: BaseException, filename: str) -> dict[str, Any]:
    """Plain description of an exception with only ``filename``'s frames in the trace (and,
    for the sandbox's refusal, what it refused)."""
    kind = None
    if isinstance(exc, MemoryError):
        kind = "memory"
    elif isinstance(exc, RecursionError):
        kind = "recursion"
    elif isinstance(exc, SystemExit):
        kind = "exit"
    elif isinstance(exc, KeyboardInterrupt):
        kind = "interrupt"
    try:
        message = str(exc)[:500]
    except Exception:  # noqa: BLE001 - a hostile __str__
        message = ""
    lines = []
    try:
        stack = traceback.StackSummary.extract(traceback.walk_tb(exc.__traceback__),
                                               lookup_lines=False)
        for frame in stack:
            if frame.filename == filename:
                lines.append(f"line {frame.lineno}, in {frame.name}"[:LINE_CHARS])
                if frame.line:
                    lines.append(clip(f"    {frame.line.strip()}", LINE_CHARS, "..."))
    except Exception:  # noqa: BLE001 - never let a report fail the run
        pass
    refused = isinstance(exc, Refused)
    shown = PermissionError if refused else type(exc)  # what the code sees it as
    mro = [clip(cls.__name__, NAME_CHARS, "...") for cls in shown.__mro__][:64]
    described = {"type": clip(shown.__name__, NAME_CHARS, "..."), "mro": mro, "message": message,
                 "trace": lines[-12:], "kind": kind}
    if refused:
        described["refusal"] = exc.refusal.to_wire()
    return described


def load(code: str, filename: str) -> dict[str, Any]:
    """Execute module source in a fresh namespace (its lines kept for tracebacks)."""
    linecache.cache[filename] = (len(code), None, code.splitlines(True), filename)
    namespace: dict[str, Any] = {"__name__": "submission", "__builtins__": builtins}
    exec(compile(code, filename, "exec"), namespace)  # noqa: S102 - sandboxed child
    return namespace


Functions = list[tuple[str, Callable[..., Any]]]


def call(functions: Functions, make_args: Callable[[], tuple[Any, ...]],
         filename: str, send_after: bool = False,
         budget: encoding.Budget | None = None) -> dict[str, Any]:
    """Call each function on fresh arguments: the encoded output (a dict by function name
    when there are several) or the first exception, plus the warnings raised. With
    ``send_after``, also the array arguments as they are after each call (``after``:
    [function name, [encoded array or None per argument]]), for the parent to compare
    with the inputs it knows. ``rng_idle``: [function name, [argument index, ...]] for
    each ``np.random.Generator`` argument the call left in the state it was given.
    ``budget``: the bytes the encoded results may take; past them, ``too_large`` (the size
    counted) instead of any result."""
    result: dict[str, Any] = {}
    outputs: list[list[Any]] = []
    after: list[list[Any]] = []
    idle: list[list[Any]] = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        for name, fn in functions:
            try:
                args = make_args()
                states = _generator_states(args)
                value = fn(*args)
                outputs.append([name, encoding.encode(value, budget=budget)])
                unmoved = [i for i, state in states.items() if _generator_state(args[i]) == state]
                if unmoved:
                    idle.append([name, unmoved])
                if send_after:
                    after.append([name, [encoding.encode(a, budget=budget)
                                         if isinstance(a, _ndarray) else None
                                         for a in args]])
            except encoding.TooLarge as exc:
                return {"too_large": exc.size}
            except BaseException as exc:  # noqa: BLE001 - learner code may raise anything
                result["exc"] = describe_exception(exc, filename)
                if len(functions) > 1:
                    result["exc"]["function"] = name
                break
    if "exc" not in result:
        result["out"] = outputs[0][1] if len(functions) == 1 else {"dict": outputs}
        if send_after:
            result["after"] = after
        if idle:
            result["rng_idle"] = idle
    seen: list[str] = []
    for w in caught[:20]:
        text = f"{w.category.__name__}: {w.message}"[:200]
        if text not in seen:
            seen.append(text)
    if seen:
        result["warn"] = seen[:5]
    return result


def _generator_state(rng: Any) -> Any:
    """A comparable snapshot of a Generator's bit-generator state (plain data: an MT19937
    state holds an array, which ``==`` on dicts cannot compare)."""
    return encoding.encode(rng.bit_generator.state)


def _generator_states(args: tuple[Any, ...]) -> dict[int, Any]:
    """Argument index -> state snapshot, for every ``np.random.Generator`` argument."""
    return {i: _generator_state(a) for i, a in enumerate(args) if isinstance(a, _Generator)}
