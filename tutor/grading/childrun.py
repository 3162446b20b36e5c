"""What a child's run amounts to, decoded: its case runs, its output, how it ended.

Everything here reads the plain messages a child streamed (see
:mod:`tutor.grading.child.harness`); nothing trusts more than their data.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from tutor.grading import feedback, wire
from tutor.grading.cases import CaseSpec
from tutor.grading.refusals import Refusal
from tutor.grading.sandbox import RunOutcome
from tutor.grading.verdict import LessonProblem, Status
from tutor.grading.wire import STDOUT_CAP


@dataclass
class CaseRun:
    """One call as a child reported it, decoded."""

    out: Any = None
    has_out: bool = False
    out2: Any = None
    exc: dict[str, Any] | None = None
    args_error: dict[str, Any] | None = None
    warnings: list[str] = field(default_factory=list)
    sent_args: list[Any] | None = None  # the arguments as the child sent them, checked
    after: dict[str, list[Any]] | None = None  # function -> its arguments after the call
    rng_idle: dict[str, list[int]] = field(default_factory=dict)  # function -> Generator
    #     arguments (indices) whose state the call did not advance
    single: str | None = None  # the type a generator returned instead of a tuple

    @property
    def args(self) -> tuple[Any, ...] | None:
        """The arguments, decoded at the first read (a passing case's are never needed)."""
        return None if self.sent_args is None else tuple(decode(a) for a in self.sent_args)

    @property
    def args_wire(self) -> list[Any] | None:
        """The arguments as plain data, to send on as they came."""
        return None if self.sent_args is None else [
            a.raw if isinstance(a, wire.Checked) else a for a in self.sent_args]


def decode(data: Any) -> Any:
    """A value from the wire (decoded already when checked by :mod:`tutor.grading.messages`);
    malformed data becomes an Unsupported value, never an error."""
    if isinstance(data, wire.Checked):
        return data.value
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
        if isinstance(message.get("single"), str):
            run.single = message["single"][:100]
        if isinstance(message.get("args"), list):
            run.sent_args = message["args"]
        runs[k] = run
    return runs


def _after(pairs: list[Any]) -> dict[str, list[Any]]:
    """``[[function, [encoded array or None, ...]], ...]`` decoded (malformed pairs dropped)."""
    return {name: [None if a is None else decode(a) for a in items]
            for name, items in _named_lists(pairs)}


def _rng_idle(pairs: list[Any]) -> dict[str, list[int]]:
    """``[[function, [argument index, ...]], ...]`` (malformed pairs dropped)."""
    return {name: [i for i in items if type(i) is int] for name, items in _named_lists(pairs)}


def _named_lists(pairs: list[Any]) -> list[tuple[str, list[Any]]]:
    """The well-formed ``[name, [item, ...]]`` pairs: at most 10, of at most 100 items."""
    return [(pair[0], pair[1][:100]) for pair in pairs[:10]
            if isinstance(pair, (list, tuple)) and len(pair) == 2 and isinstance(pair[0], str)
            and isinstance(pair[1], list)]


def child_layers(outcome: RunOutcome) -> dict[str, str]:
    """The layers a child reported setting up ("ok" or why not), from its ready message."""
    ready = outcome.events("ready")
    return dict(ready[0]["layers"]) if ready else {}


def last_started(outcome: RunOutcome) -> int | None:
    """Index of the case the child was in when it stopped reporting (announced by a
    ``start`` message, or by the previous case's ``then: call``)."""
    started: list[Any] = []
    finished: set[Any] = set()
    for message in outcome.messages:
        event, k = message.get("ev"), message.get("k")
        if event == "start":
            started.append(k)
        elif event == "case":
            finished.add(k)
            if message.get("then") == "call" and type(k) is int:
                started.append(k + 1)
    pending = [k for k in started if k not in finished]
    return pending[-1] if pending and type(pending[-1]) is int else None


@dataclass(frozen=True)
class Stage:
    """What a child was doing when it last reported. ``part``: load (the code's top level),
    args (building case ``k``'s inputs), call (calling the function on case ``k``), between
    (case ``k`` done, the next not begun), baseline, speed_args or speed (the speed check:
    the lesson's baseline, building its input, timing the function); None: nothing yet."""

    part: str | None = None
    k: int | None = None


def stage_of(outcome: RunOutcome) -> Stage:
    stage = Stage()
    for message in outcome.messages:
        event, k = message.get("ev"), message.get("k")
        k = k if type(k) is int else None
        if event == "phase" and isinstance(message.get("phase"), str):
            stage = Stage(message["phase"], k)
        elif event == "start":
            stage = Stage("args", k)
        elif event == "case" and message.get("then") == "call" and k is not None:
            stage = Stage("call", k + 1)  # the next case's call followed, unannounced
        elif event == "case":
            stage = Stage("between", k)
    return stage


def data_problem(outcome: RunOutcome, who: str) -> str:
    """The message for a child that had more results to send than the grader accepts."""
    return feedback.data_message(who, outcome.overflow_bytes, outcome.result_limit)


def stdout_of(outcome: RunOutcome) -> str:
    text = "".join(str(m.get("stdout", "")) for m in outcome.messages)
    dropped = sum(int(m.get("dropped", 0) or 0) for m in outcome.events("done"))
    if len(text) > STDOUT_CAP:
        dropped += len(text) - STDOUT_CAP
        text = text[:STDOUT_CAP]
    return text + (f"\n[... {dropped} more characters of output not shown]" if dropped else "")


def refusals_of(outcome: RunOutcome) -> list[Refusal]:
    """What the sandbox refused the run, in order, each once (at most five)."""
    seen: list[Refusal] = []
    for message in outcome.messages:
        for data in message.get("refusals", []):
            refusal = Refusal.from_wire(data)
            if refusal not in seen:
                seen.append(refusal)
    return seen[:5]


def process_problem(outcome: RunOutcome, specs: list[CaseSpec], function: str,
                    time_limit: float, *, twice: bool = False,
                    speed: bool = False) -> tuple[Status, str] | None:
    """(status, message) when the learner's process did not finish normally, else None.
    ``twice``: every case ran twice (the determinism check); ``speed``: the speed check."""
    stopped = last_started(outcome)
    name = specs[stopped].name if stopped is not None and stopped < len(specs) else None
    stage = stage_of(outcome)
    loads = outcome.events("load")
    if loads:
        exc = loads[0]["exc"]
        status = {"memory": "memory"}.get(exc.get("kind"), "error")
        return status, feedback.exception_message(exc, "while loading")
    missing = outcome.events("missing")
    if missing:
        return "error", feedback.missing_function_message(
            str(missing[0].get("name") or function), missing[0].get("found"),
            missing[0].get("want"))
    if outcome.overflowed:
        by = f" by {name}" if name else ""
        return "error", (data_problem(outcome, "your code") + by + ": return a smaller result")
    if outcome.out_of_time:
        if stage.part == "args" and name is not None:
            return "timeout", (f"the grader ran out of time building the inputs of {name} (the "
                               f"lesson's code, not yours; {time_limit:g} s for all cases)")
        return "timeout", feedback.timeout_message(time_limit, name, cases=len(specs),
                                                   twice=twice, speed=speed,
                                                   loading=stage.part in (None, "load"))
    if outcome.failure:
        return "error", outcome.failure
    fatal = outcome.events("fatal")
    if fatal:
        detail = str(fatal[0].get("error"))[-300:]
        return "error", f"the sandbox failed to start your code: {detail}"
    if not outcome.finished:
        return "killed", feedback.crash_message(outcome.exit_code, name)
    return None


def failure_text(outcome: RunOutcome, limit: float) -> str:
    if outcome.overflowed:
        return data_problem(outcome, "it")
    if outcome.timed_out:
        return f"took longer than {limit:g} s"
    return outcome.failure or feedback.crash_message(outcome.exit_code, None)


def reference_problem(outcome: RunOutcome, specs: list[CaseSpec], runs: list[CaseRun | None],
                      time_limit: float, who: str = "the reference solution"
                      ) -> LessonProblem | None:
    """Why the lesson's reference run could not be used (worded for the author, pointing at
    the lesson code that failed: the reference ``who``, a case's args or generator), or
    None. ``time_limit``: the run's limit, which covers every case."""
    loads = outcome.events("load")
    if loads:
        return LessonProblem("solution", feedback.lesson_exception(loads[0]["exc"], who,
                                                                   " while loading"))
    missing = outcome.events("missing")
    if missing:
        name, found = str(missing[0].get("name")), missing[0].get("found")
        return LessonProblem("solution", f"{who} does not define a function named {name}" + (
            f" (found {name}, but it is a {found})" if found else ""))
    for k, (spec, run) in enumerate(zip(specs, runs, strict=True)):
        if run is None:
            continue
        part = "generator" if spec.is_random else "args"
        if run.args_error is not None:
            return LessonProblem(part, feedback.lesson_exception(
                run.args_error, *_building(spec)), k)
        if run.exc is not None and not spec.raises:
            message = str(run.exc.get("message", ""))
            if spec.is_random and run.single not in (None, "list") and \
                    run.exc.get("type") == "TypeError" and "positional argument" in message:
                return LessonProblem("generator", "generate() must return a tuple of the "
                                     f"positional arguments; it returned {run.single}", k)
            return LessonProblem("solution", feedback.lesson_exception(run.exc, who,
                                                                       f" on {spec.name}"), k)
    if outcome.finished and all(r is not None for r in runs):
        return None
    stage = stage_of(outcome)
    k = stage.k if stage.k is not None and 0 <= stage.k < len(specs) else None
    spec = specs[k] if k is not None else None
    building = spec is not None and stage.part == "args"
    part = ("generator" if spec.is_random else "args") if building and spec else "solution"
    if outcome.overflowed:
        on = f" by {spec.name}" if spec else ""
        return LessonProblem("data", data_problem(outcome, who) + on + ": the inputs and "
                             "output of every case travel back; use fewer or smaller cases", k)
    if outcome.out_of_time:
        if building and spec:
            what, where = _building(spec)
            return LessonProblem(part, f"{what} did not finish in time{where}: the reference "
                                 f"run has {time_limit:g} s for all its cases", k)
        if spec is None or stage.part == "load":
            return LessonProblem("solution", f"{who} did not finish loading within "
                                 f"{time_limit:g} s")
        scope = "the case" if len(specs) == 1 else f"all {len(specs)} cases"
        return LessonProblem("solution", f"{who} did not finish {scope} within "
                             f"{time_limit:g} s (time ran out on {spec.name})", k)
    fatal = outcome.events("fatal")
    if fatal:
        return LessonProblem("grader", "the sandbox failed to run the lesson's code: "
                             + str(fatal[0].get("error"))[-300:])
    if outcome.failure:
        return LessonProblem("grader", outcome.failure)
    text = feedback.crash_message(outcome.exit_code, spec.name if spec else None)
    return LessonProblem(part, feedback.for_author(text, _building(spec)[0] if building and spec
                                                   else who), k)


def inputs_problem(outcome: RunOutcome, specs: list[CaseSpec],
                   time_limit: float) -> LessonProblem | None:
    """The lesson's problem when a learner's child ran out of time building a case's inputs
    (lesson code that is too slow for the exercise's time limit), else None."""
    stage = stage_of(outcome)
    if stage.part != "args" or stage.k is None or not 0 <= stage.k < len(specs) or not (
            outcome.out_of_time):
        return None
    spec = specs[stage.k]
    what, where = _building(spec)
    return LessonProblem("generator" if spec.is_random else "args",
                         f"{what} did not finish in time{where}: the exercise's time limit is "
                         f"{time_limit:g} s for all cases", stage.k)


def _building(spec: CaseSpec) -> tuple[str, str]:
    """(who, where) for lesson code that builds a case's inputs."""
    if spec.is_random:
        return "the generator", f" on {spec.name}"
    return f"the args of {spec.name}", ""
