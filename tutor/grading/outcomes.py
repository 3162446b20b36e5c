"""What a child's run amounts to, decoded: its case runs, its output, how it ended.

Everything here reads the plain messages a child streamed (see
:mod:`tutor.grading.harness`); nothing trusts more than their data.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from tutor.grading import feedback, wire
from tutor.grading.cases import CaseSpec
from tutor.grading.sandbox import RunOutcome
from tutor.grading.verdict import Status

STDOUT_CAP = 10_000


@dataclass
class CaseRun:
    """One call as a child reported it, decoded."""

    out: Any = None
    has_out: bool = False
    out2: Any = None
    exc: dict[str, Any] | None = None
    args_error: dict[str, Any] | None = None
    warnings: list[str] = field(default_factory=list)
    args: tuple[Any, ...] | None = None
    args_wire: list[Any] | None = None
    after: dict[str, list[Any]] | None = None  # function -> its arguments after the call
    rng_idle: dict[str, list[int]] = field(default_factory=dict)  # function -> Generator
    #     arguments (indices) whose state the call did not advance


def decode(data: Any) -> Any:
    """A value from the wire; malformed data becomes an Unsupported value, never an error."""
    try:
        return wire.decode(data)
    except wire.WireError as exc:
        return wire.Unsupported(f"malformed data ({exc})")


def collect(outcome: RunOutcome, count: int, mistake: int | None = None) -> list[CaseRun | None]:
    """The case runs in order (None where the child never reported that case)."""
    runs: list[CaseRun | None] = [None] * count
    for message in outcome.events("case"):
        k = message.get("k")
        if not isinstance(k, int) or not 0 <= k < count or message.get("m") != mistake:
            continue
        run = CaseRun(exc=message.get("exc"), args_error=message.get("args_error"),
                      warnings=[str(w) for w in message.get("warn", [])][:5])
        if "out" in message:
            run.out, run.has_out = decode(message["out"]), True
        if "out2" in message:
            run.out2 = decode(message["out2"])
        if isinstance(message.get("after"), list):
            run.after = _after(message["after"])
        if isinstance(message.get("rng_idle"), list):
            run.rng_idle = _rng_idle(message["rng_idle"])
        if isinstance(message.get("args"), list):
            run.args_wire = message["args"]
            run.args = tuple(decode(a) for a in message["args"])
        runs[k] = run
    return runs


def _after(pairs: list[Any]) -> dict[str, list[Any]]:
    """``[[function, [encoded array or None, ...]], ...]`` decoded (malformed pairs dropped)."""
    after: dict[str, list[Any]] = {}
    for pair in pairs[:10]:
        if isinstance(pair, list) and len(pair) == 2 and isinstance(pair[0], str) and \
                isinstance(pair[1], list):
            after[pair[0]] = [None if a is None else decode(a) for a in pair[1][:100]]
    return after


def _rng_idle(pairs: list[Any]) -> dict[str, list[int]]:
    """``[[function, [argument index, ...]], ...]`` (malformed pairs dropped)."""
    idle: dict[str, list[int]] = {}
    for pair in pairs[:10]:
        if isinstance(pair, list) and len(pair) == 2 and isinstance(pair[0], str) and \
                isinstance(pair[1], list):
            idle[pair[0]] = [i for i in pair[1][:100] if type(i) is int]
    return idle


def last_started(outcome: RunOutcome) -> int | None:
    """Index of the case the child was in when it stopped reporting."""
    started = [m.get("k") for m in outcome.events("start")]
    finished = {m.get("k") for m in outcome.events("case")}
    pending = [k for k in started if k not in finished]
    return pending[-1] if pending and isinstance(pending[-1], int) else None


def stdout_of(outcome: RunOutcome) -> str:
    text = "".join(str(m.get("stdout", "")) for m in outcome.messages)
    dropped = sum(int(m.get("dropped", 0) or 0) for m in outcome.events("done"))
    if len(text) > STDOUT_CAP:
        dropped += len(text) - STDOUT_CAP
        text = text[:STDOUT_CAP]
    return text + (f"\n[... {dropped} more characters of output not shown]" if dropped else "")


def violations_of(outcome: RunOutcome) -> list[str]:
    seen: list[str] = []
    for message in outcome.messages:
        for text in message.get("violations", []):
            if str(text) not in seen:
                seen.append(str(text))
    return seen[:5]


def process_problem(outcome: RunOutcome, specs: list[CaseSpec], function: str,
                    time_limit: float, *, twice: bool = False,
                    speed: bool = False) -> tuple[Status, str] | None:
    """(status, message) when the learner's process did not finish normally, else None.
    ``twice``: every case ran twice (the determinism check); ``speed``: the speed check."""
    stopped = last_started(outcome)
    name = specs[stopped].name if stopped is not None and stopped < len(specs) else None
    loads = outcome.events("load")
    if loads:
        exc = loads[0]["exc"]
        status = {"memory": "memory"}.get(exc.get("kind"), "error")
        return status, feedback.exception_message(exc, "while loading")
    missing = outcome.events("missing")
    if missing:
        return "error", feedback.missing_function_message(
            str(missing[0].get("name") or function), missing[0].get("found"))
    if outcome.timed_out or outcome.exit_code == -24:  # SIGXCPU: the CPU-time limit
        return "timeout", feedback.timeout_message(time_limit, name, cases=len(specs),
                                                   twice=twice, speed=speed)
    if outcome.overflowed:
        return "error", "your code sent back more data than the grader accepts"
    if outcome.failure and not outcome.finished:
        return "error", outcome.failure
    fatal = outcome.events("fatal")
    if fatal:
        detail = str(fatal[0].get("error"))[-300:]
        return "error", f"the sandbox failed to start your code: {detail}"
    if not outcome.finished:
        return "killed", feedback.crash_message(outcome.exit_code, name)
    return None


def failure_text(outcome: RunOutcome, limit: float) -> str:
    if outcome.timed_out:
        return f"took longer than {limit:g} s"
    return outcome.failure or feedback.crash_message(outcome.exit_code, None)


def reference_problem(outcome: RunOutcome, specs: list[CaseSpec],
                       runs: list[CaseRun | None]) -> str | None:
    """Why the lesson's reference could not be used, or None."""
    head = "the lesson's reference solution failed"
    loads = outcome.events("load")
    if loads:
        return f"{head}: " + feedback.exception_message(loads[0]["exc"]).replace("your code", "it")
    if outcome.events("missing"):
        return f"{head}: it does not define the exercise's function"
    for spec, run in zip(specs, runs, strict=True):
        if run is not None and run.args_error is not None:
            exc = run.args_error
            return f"the lesson's inputs for {spec.name} failed: {exc['type']}: {exc['message']}"
        if run is not None and run.exc is not None and not spec.raises:
            return f"{head} on {spec.name}: " + feedback.exception_message(run.exc).replace(
                "your code", "it")
    if not outcome.finished or any(r is None for r in runs):
        stopped = last_started(outcome)
        where = f" on {specs[stopped].name}" if stopped is not None else ""
        if outcome.timed_out:
            return f"{head}: it ran out of time{where}"
        return f"{head}: " + (outcome.failure or feedback.crash_message(outcome.exit_code, None)
                              .replace("your code", "it")) + where
    return None

