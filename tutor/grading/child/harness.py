"""What a sandboxed child does with its job: run code on cases and stream plain results.

Runs inside the child, after confinement. Every result is a JSON line written to
the result pipe: ``{"ev": "start", "k": i}`` before case ``i`` (its inputs are being
built), ``{"ev": "phase", "phase": "call", "k": i}`` once they are and the function is
called, ``{"ev": "case", ...}`` after it, and ``{"ev": "done", ...}`` at the end, so the
parent keeps the finished cases of a child that crashes or times out later, and knows
what it was doing then. A case whose inputs came ready-made from the parent is not
announced: the previous case's report carries ``"then": "call"`` instead (one message a
case, where most of a check's cases are). Other phases: ``load`` (the code's top level), and for the
speed check ``time_args`` (building its inputs) and ``time`` (the timed calls).

Size: everything written counts against ``limit`` bytes. A result that would go over
it is not written: ``{"ev": "overflow", "bytes": size, "limit": limit}`` is, and the
run stops there (:class:`Overflow`); values are encoded against the bytes left, so a
huge result is measured, never built.

Operations (``job["op"]``):

``cases``    run ``code``'s function on each case; with ``send_args`` also send the
             arguments (the reference run), with ``send_after`` the array arguments as
             they are after the call (the inputs-unchanged check), with ``twice`` call
             each case that has ``twice`` again with the global ``np.random`` state
             disturbed (the determinism check).
             A ``np.random.Generator`` argument whose state the call did not advance is
             reported (``rng_idle``: the function did not draw from the rng it was given).
``mistakes`` the same for each of ``codes`` (a lesson's known mistakes).
``time``     the speed check: ``code``'s function once on each of ``seeds``' inputs.
``eval``     evaluate expressions, with ``solution``'s (and ``params``') names in scope;
             the value of an expression whose index is in ``bind`` (a question family's
             draw, a dict) puts its names in scope for the expressions after it.
``exec``     run ``code`` and report what it raised (for ``tutor doctor``'s probes).

A ``batch`` job (``jobs``: several of the above) is run by :mod:`tutor.grading.child.batch`.

Loading and calling code is in :mod:`tutor.grading.child.calls`, imported at the top
here so that the worker's import of this module, before paths are hidden, loads both.
"""

from __future__ import annotations

import copy
import os
import sys
from collections.abc import Callable
from typing import Any

import numpy as np

from tutor.grading import encoding, wire
from tutor.grading.child import args as case_args
from tutor.grading.child import drivers
from tutor.grading.child.calls import (
    STDOUT_CAP,
    CappedText,
    Functions,
    call,
    describe_exception,
    load,
)
from tutor.grading.refusals import Refusal

__all__ = ["STDOUT_CAP", "CappedText", "Functions", "Overflow", "Runner",
           "Write", "call", "describe_exception", "load"]

Write = Callable[[bytes], None]
PARAMS_FILE = "<params>"
_deepcopy = copy.deepcopy
_urandom = os.urandom


class Overflow(BaseException):
    """The results went over the byte limit: reported, and the run stops."""


class Runner:
    """Runs one job, writing its results (JSON lines) through ``write``, at most ``limit``
    bytes of them."""

    def __init__(self, job: dict[str, Any], write: Write, refusals: list[Refusal],
                 limit: int | None = None) -> None:
        self.job = job
        self.write = write
        self.limit = limit
        self.sent = 0
        self.refusals = refusals  # appended to by the audit hook
        self.reported = 0
        self.stdout = CappedText()
        self.generators: dict[int, Any] = {}
        self.single: str | None = None  # what the last generator returned, when no tuple

    def run(self, first: dict[str, Any] | None = None) -> bool:
        """Run the job, after writing ``first`` (the child's ready report); a run that goes
        over the byte limit ends with its overflow report, without ``done``. Whether it
        reached ``done``."""
        try:
            if first is not None:
                self.emit(first)
            sys.stdout = sys.stderr = self.stdout
            try:
                getattr(self, f"op_{self.job['op']}")()
            finally:
                sys.stdout, sys.stderr = sys.__stdout__, sys.__stderr__
            self.emit({"ev": "done", "stdout": self.stdout.take(),
                       "dropped": self.stdout.dropped, **self._new_refusals()})
        except Overflow:
            return False
        return True

    # -- results
    def emit(self, message: dict[str, Any]) -> None:
        data = wire.dumps(message)
        if self.limit is not None and self.sent + len(data) > self.limit:
            self.overflow(len(data))
        self.sent += len(data)
        self.write(data)

    def overflow(self, size: int) -> None:
        """Report that ``size`` more bytes would go over the limit, and stop the run."""
        self.write(wire.dumps({"ev": "overflow", "bytes": self.sent + size,
                               "limit": self.limit}))
        raise Overflow

    def left(self) -> int | None:
        """Bytes a result may still take (None: no limit)."""
        return None if self.limit is None else max(0, self.limit - self.sent)

    def phase(self, name: str, **extra: Any) -> None:
        self.emit({"ev": "phase", "phase": name, **extra})

    def _new_refusals(self) -> dict[str, list[dict[str, str]]]:
        """Sandbox refusals since the last report (the hook appends to the list)."""
        new = [r.to_wire() for r in self.refusals[self.reported:self.reported + 20]
               if isinstance(r, Refusal)]
        self.reported = len(self.refusals)
        return {"refusals": new} if new else {}

    # -- helpers
    def _load_functions(self, code: str, filename: str) -> Functions | None:
        """The job's function (and its ``also`` functions) from ``code``; reports and
        returns None when the code fails to load or a function is missing."""
        self.phase("load")
        try:
            namespace = load(code, filename)
        except BaseException as exc:  # noqa: BLE001
            self.emit({"ev": "load", "exc": describe_exception(exc, filename),
                       "stdout": self.stdout.take(), **self._new_refusals()})
            return None
        functions = []
        for name in [self.job["function"], *self.job.get("also", [])]:
            fn = namespace.get(name)
            if not callable(fn):
                want = {"want": "class"} if self.job.get("entry") == "class" else {}
                self.emit({"ev": "missing", "name": name, **want,
                           "found": type(fn).__name__[:200] if fn is not None else None})
                return None
            functions.append((name, fn))
        return self._driven(functions)

    def _driven(self, functions: Functions, report: bool = True) -> Functions | None:
        """With a driver, the entry point as the driver bound to it (the learner's class or
        function); None (reported unless ``report`` is false) when a class is wanted and
        the entry point is not one, or the driver fails to load."""
        source = self.job.get("driver")
        if source is None:
            return functions
        name, cls = functions[0]
        if self.job.get("entry") == "class" and not drivers.is_class(cls):
            if report:
                self.emit({"ev": "missing", "name": name, "want": "class",
                           "found": type(cls).__name__[:200]})
            return None
        try:
            drive = drivers.load_driver(source)
        except BaseException as exc:  # noqa: BLE001 - the lesson's driver failed
            if report:
                self.emit({"ev": "load", "exc": describe_exception(exc, drivers.DRIVER_FILE)})
            return None
        return [(name, drivers.bind(drive, cls))]  # type: ignore[arg-type]

    def _arg_factory(self, case: dict[str, Any]) -> Callable[[], tuple[Any, ...]]:
        """Fresh positional arguments on every call (so in-place changes never leak)."""
        self.single = None
        if "wire" in case:
            encoded = case["wire"]
            return lambda: tuple(wire.decode(a) for a in encoded)
        built, self.single = case_args.make_args(case, self.generators)
        return lambda: _deepcopy(built)

    def _case(self, functions: Functions, k: int, case: dict[str, Any], filename: str,
              announce: bool = True, then_call: bool = False, **extra: Any) -> None:
        """Run one case. ``announce``: say when it starts and when its call does (else the
        previous case's report said ``then: call``); ``then_call``: the next case's inputs
        are ready-made, so its call follows this report at once, unannounced."""
        if announce:
            self.emit({"ev": "start", "k": k, **extra})
        message: dict[str, Any] = {"ev": "case", "k": k, **extra}
        if then_call:
            message["then"] = "call"
        left = self.left()
        budget = None if left is None else encoding.Budget(left, cap_arrays=True)
        try:
            make_args = self._arg_factory(case)
            if self.job.get("send_args"):
                message["args"] = [encoding.encode(a, budget=budget) for a in make_args()]
        except encoding.TooLarge as exc:
            self.overflow(exc.size)
        except BaseException as exc:  # noqa: BLE001 - a lesson's case failed to build
            self.emit({**message, "args_error": describe_exception(exc, "<case>")})
            return
        if self.single is not None:
            message["single"] = self.single
        if announce:
            self.phase("call", k=k, **extra)
        if budget is not None:
            budget.cap_arrays = False  # results are measured whole, not capped array by array
        twice = self.job.get("twice") and case.get("twice")
        if twice:
            np.random.seed(int.from_bytes(_urandom(4), "little"))
        result = call(functions, make_args, filename, bool(self.job.get("send_after")), budget)
        if twice and "out" in result:
            np.random.seed(int.from_bytes(_urandom(4), "little"))
            second = call(functions, make_args, filename, budget=budget)
            result["out2"] = second.get("out")
            if "too_large" in second:
                result["too_large"] = second["too_large"]
        if result.get("too_large"):
            self.overflow(result["too_large"])
        message.update(result)
        text = self.stdout.take()
        if text:
            message["stdout"] = text
        self.emit({**message, **self._new_refusals()})

    # -- operations
    def op_cases(self) -> None:
        filename = self.job.get("filename", "<your code>")
        functions = self._load_functions(self.job["code"], filename)
        if functions is None:
            return
        self._cases(functions, filename)

    def _cases(self, functions: Functions, filename: str, **extra: Any) -> None:
        """Every case in order. A case whose inputs came ready-made (``wire``) is not
        announced (only its report is sent): building them runs no lesson code, and the
        report before it says that its call comes next."""
        cases = self.job["cases"]
        ready_made = [k > 0 and "wire" in case for k, case in enumerate(cases)]
        for k, case in enumerate(cases):
            self._case(functions, k, case, filename, announce=not ready_made[k],
                       then_call=k + 1 < len(cases) and ready_made[k + 1], **extra)

    def op_mistakes(self) -> None:
        for m, code in enumerate(self.job["codes"]):
            filename = f"<mistake {m}>"
            try:
                namespace = load(code, filename)
            except BaseException:  # noqa: BLE001 - a broken mistake simply matches nothing
                continue
            names = [self.job["function"], *self.job.get("also", [])]
            found = [(name, namespace.get(name)) for name in names]
            functions = self._driven(found, report=False) if all(  # type: ignore[arg-type]
                callable(fn) for _, fn in found) else None
            if functions is not None:
                self._cases(functions, filename, m=m)

    def op_time(self) -> None:
        """The speed check's timed run: build the inputs of every call first (lesson code,
        one ``seed`` each, so no two calls share values), then load ``code`` and call its
        function once per input. Only the outputs are sent (for the parent to check
        against the baseline's): the parent reads this process's CPU time from the kernel,
        so nothing here can speed it up."""
        self.phase("time_args")
        try:
            inputs = [case_args.speed_args(self.job["args"], seed) for seed in self.job["seeds"]]
        except BaseException as exc:  # noqa: BLE001
            self.emit({"ev": "timed", "part": "time_args",
                       "exc": describe_exception(exc, "<speed args>")})
            return
        filename = self.job.get("filename", "<your code>")
        functions = self._load_functions(self.job["code"], filename)
        if functions is None:
            return
        fn = functions[0][1]
        self.phase("time")
        try:
            outs = [fn(*args) for args in inputs]
        except BaseException as exc:  # noqa: BLE001
            self.emit({"ev": "timed", "exc": describe_exception(exc, filename)})
            return
        left = self.left()
        try:
            encoded = [encoding.encode(out, budget=None if left is None else encoding.Budget(left))
                       for out in outs]
        except encoding.TooLarge as exc:
            self.overflow(exc.size)
        self.emit({"ev": "timed", "outs": encoded})

    def op_eval(self) -> None:
        namespace = case_args.namespace()
        for key, filename in (("solution", "<solution>"), ("params", PARAMS_FILE)):
            if not self.job.get(key):
                continue
            self.phase("load")
            try:
                namespace.update(load(self.job[key], filename))
            except BaseException as exc:  # noqa: BLE001
                self.emit({"ev": "load", "exc": describe_exception(exc, filename)})
                return
        bind = set(self.job.get("bind") or ())
        scope = namespace
        for k, expr in enumerate(self.job["exprs"]):
            self.emit({"ev": "start", "k": k})
            try:
                value = eval(expr, scope)  # noqa: S307 - lesson expression, sandboxed
                if k in bind:  # a draw: its names are in scope for what follows
                    scope = {**value, **namespace} if isinstance(value, dict) and all(
                        type(name) is str for name in value) else namespace
                left = self.left()
                budget = None if left is None else encoding.Budget(left)
                message = {"ev": "value", "k": k, "out": encoding.encode(value, budget=budget)}
            except encoding.TooLarge as exc:
                self.overflow(exc.size)
            except BaseException as exc:  # noqa: BLE001
                info = describe_exception(exc, PARAMS_FILE)
                at = [line for line in info["trace"] if line.startswith("line ")]
                where = f" (params {at[-1]})" if at else ""
                message = {"ev": "value", "k": k,
                           "error": f"{info['type']}: {info['message']}{where}"[:2000]}
            self.emit(message)

    def op_exec(self) -> None:
        try:
            load(self.job["code"], "<probe>")
            message = {"ev": "exec", "ok": True, "stdout": self.stdout.take()}
        except BaseException as exc:  # noqa: BLE001
            message = {"ev": "exec", "ok": False, "exc": describe_exception(exc, "<probe>")}
        self.emit(message)

