"""The speed check: the learner's function against the lesson's loop baseline, timed by the
kernel, on inputs no cache can answer.

Three runs, each in a child of its own (so each with its own empty scratch), on the same
``repeats`` inputs. Input ``i`` is the lesson's ``speed.args`` expression evaluated with
``rng = np.random.default_rng([base, i])``, where ``base`` is drawn fresh by each
evaluator: every call sees new values, and no run can know them in advance.

- the learner's function, once per input;
- the lesson's baseline, once per input (its outputs are what the learner's must match,
  so a run that skips the work cannot pass);
- an empty function (what building the inputs and the harness cost).

A run's time is its process's user + system CPU time, which the worker reads from the
kernel when it reaps the child: nothing the code under test does can lower it. Each
side's time is its run's minus the empty run's; the speedup is the baseline's over the
learner's. The baseline and empty runs are kept per exercise for the evaluator's life.

A busy machine only ever adds CPU time, so a near miss (within ``RETRY_WITHIN`` of the
needed speedup) is measured once more in a fresh child, and the faster run counts.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from tutor.grading import childrun, feedback
from tutor.grading.compare import compare
from tutor.grading.sandbox import Job, RunOutcome
from tutor.grading.verdict import CaseResult, LessonProblem, Status
from tutor.lessons.exercise import ExerciseStep

EMPTY = "def empty(*args):\n    return None\n"
FLOOR_S = 1e-4  # the least CPU time a run's calls are taken to have cost
RETRY_WITHIN = 1.5  # a speedup this many times short of the target is measured again

RunJobs = Callable[[list[Job]], list[RunOutcome]]


@dataclass
class Side:
    """The lesson's side of one exercise's speed check: the baseline's CPU time for all
    calls (the empty run's taken off) and its outputs, or why it could not run."""

    seconds: float = 0.0
    outs: list[Any] | None = None
    empty: float = 0.0
    problem: LessonProblem | None = None


@dataclass
class Result:
    """What the speed check adds to a verdict: its case, and the status if it failed."""

    case: CaseResult
    status: Status = "passed"
    problem: LessonProblem | None = None
    speedup: float | None = None  # measured, when the run got that far


class SpeedCheck:
    """Runs speed checks for one evaluator; keeps each exercise's baseline side."""

    def __init__(self, run: RunJobs, memory_mb: int, lesson_limit: Callable[[], float]) -> None:
        self._run = run
        self._lesson_limit = lesson_limit  # seconds lesson code may take (read when used)
        self._memory_mb = memory_mb
        self._base = secrets.randbits(62)
        self._sides: dict[str, Side] = {}

    def _job(self, exercise: ExerciseStep, code: str, function: str, filename: str,
             time_limit: float, lesson: bool = False) -> Job:
        speed = exercise.speed
        assert speed is not None
        seeds = [[self._base, i] for i in range(speed.repeats)]
        return Job({"op": "time", "code": code, "function": function, "filename": filename,
                    "args": speed.args, "seeds": seeds},
                   time_limit=time_limit, memory_mb=self._memory_mb, lesson=lesson,
                   timed=True)

    def check(self, exercise: ExerciseStep, source: str, key: str, filename: str) -> Result:
        speed = exercise.speed
        assert speed is not None
        learner_job = self._job(exercise, source, exercise.function, filename,
                                exercise.time_limit)
        side = self._sides.get(key)
        if side is None:
            limit = max(self._lesson_limit(), exercise.time_limit)
            ran = self._run([learner_job,
                             self._job(exercise, speed.baseline, "baseline", "<baseline>", limit,
                                       lesson=True),
                             self._job(exercise, EMPTY, "empty", "<empty>", limit, lesson=True)])
            learner, side = ran[0], _side(ran[1], ran[2], limit)
            if side.problem is None:
                self._sides[key] = side
        else:
            learner = self._run([learner_job])[0]
        result = _judge(exercise, learner, side)
        if (result.speedup is not None and not result.case.passed
                and result.speedup * RETRY_WITHIN >= speed.min_speedup):
            again = self._run([learner_job])[0]
            if (again.cpu_seconds or 0.0) < (learner.cpu_seconds or 0.0):
                result = _judge(exercise, again, side)
        return result


def _side(baseline: RunOutcome, empty: RunOutcome, limit: float) -> Side:
    for outcome, who in ((baseline, "the speed baseline"), (empty, "the speed check")):
        problem = _lesson_problem(outcome, who, limit)
        if problem is not None:
            return Side(problem=problem)
    base_cpu, empty_cpu = baseline.cpu_seconds or 0.0, empty.cpu_seconds or 0.0
    outs = _timed(baseline).get("outs")
    return Side(max(base_cpu - empty_cpu, FLOOR_S), [childrun.decode(o) for o in outs or []],
                empty_cpu)


def _timed(outcome: RunOutcome) -> dict[str, Any]:
    found = outcome.events("timed")
    return found[0] if found else {}


def _lesson_problem(outcome: RunOutcome, who: str, limit: float) -> LessonProblem | None:
    """Why a lesson-side timing run gave nothing to compare with, worded for the author."""
    info = _timed(outcome)
    if "outs" in info and outcome.cpu_seconds is not None and outcome.failure is None:
        return None
    if info.get("part") == "time_args":
        return LessonProblem("speed_args", feedback.lesson_exception(
            info["exc"], "the speed check's args"))
    part = "speed_args" if childrun.stage_of(outcome).part == "time_args" else "baseline"
    what = "building the speed check's args" if part == "speed_args" else who
    if "exc" in info:
        return LessonProblem(part, feedback.lesson_exception(info["exc"], what))
    loads = outcome.events("load")
    if loads:
        return LessonProblem(part, feedback.lesson_exception(loads[0]["exc"], what,
                                                             " while loading"))
    if outcome.out_of_time:
        return LessonProblem(part, f"{what} did not finish within {limit:g} s")
    text = outcome.failure or feedback.crash_message(outcome.exit_code, None)
    return LessonProblem(part, feedback.for_author(text, what))


def _judge(exercise: ExerciseStep, learner: RunOutcome, side: Side) -> Result:
    speed = exercise.speed
    assert speed is not None
    case = CaseResult("speed", False, inputs=feedback.short_text(speed.args, 200))
    if side.problem is not None:
        case.message = f"the speed check cannot run: {side.problem.message}"
        return Result(case, "error", side.problem)
    info = _timed(learner)
    if info.get("part") == "time_args":
        problem = LessonProblem("speed_args", feedback.lesson_exception(
            info["exc"], "the speed check's args"))
        case.message = f"the speed check cannot run: {problem.message}"
        return Result(case, "error", problem)
    process = childrun.process_problem(learner, [], exercise.function, exercise.time_limit,
                                       speed=True)
    if process is not None:
        case.message = process[1]
        return Result(case, process[0])
    if "exc" in info:
        case.message = feedback.exception_message(info["exc"])
        return Result(case, "error")
    outs = [childrun.decode(o) for o in info.get("outs") or []]
    if learner.cpu_seconds is None or len(outs) != speed.repeats or side.outs is None:
        case.message = "the sandbox returned malformed data: the speed check gave no result"
        return Result(case, "error")
    for expected, got in zip(side.outs, outs, strict=True):
        mismatch = compare(expected, got, exercise.compare)
        if mismatch is not None:
            case.message = ("your function's results on the speed check's inputs (larger "
                            "than the cases') differ from the baseline's")
            return Result(case, "failed")
    seconds = max(learner.cpu_seconds - side.empty, FLOOR_S)
    speedup = side.seconds / seconds
    case.got = f"{feedback.relative_speed(speedup)} than the baseline"
    case.expected = f"at least {speed.min_speedup:g}x"
    case.passed = speedup >= speed.min_speedup
    if not case.passed:
        case.message = feedback.speed_message(speedup, speed.min_speedup)
        return Result(case, "failed", speedup=speedup)
    return Result(case, speedup=speedup)
