"""Validate's check_many: each known mistake runs once, as learner code, and its run
stands in for the lesson's run of the mistakes only where the two are the same."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tutor.grading import Evaluator, encoding
from tutor.grading.cases import plan
from tutor.grading.mistakeruns import TIME_SHARE, own_mistake_runs
from tutor.grading.sandbox import Job, RunOutcome
from tutor.lessons.model import ExerciseStep

SUM_OF_SUMS = "import numpy as np\ndef dot(a, b):\n    return float(np.sum(a) * np.sum(b))\n"
DOUBLED = "import numpy as np\ndef dot(a, b):\n    return 2 * float(np.sum(a * b))\n"
NOISY = ("import numpy as np\ndef dot(a, b):\n"
         "    return float(np.sum(a * b)) + np.random.random()\n")
BROKEN = "BOOM = 1 // 0\ndef dot(a, b):\n    return 0.0\n"


def _mistakes(*codes: tuple[str, str]) -> list[dict[str, str]]:
    return [{"name": name, "code": code, "message": f"{name}."} for name, code in codes]


class Counting(Evaluator):
    """Counts the lesson's runs of the mistakes and the learner runs it makes."""

    def __init__(self) -> None:
        super().__init__()
        self.ops: list[str] = []

    def _run_many(self, jobs: list[Job], torch: bool = False) -> list[RunOutcome]:
        self.ops += [str(job.payload.get("op")) for job in jobs
                     if job.payload.get("filename") != "<reference>"]
        return super()._run_many(jobs, torch)


def _both(exercise: ExerciseStep, sources: list[str]) -> tuple[list[Any], list[Any], list[str]]:
    """(check_many's verdicts as validate asks, check's verdicts, the jobs check_many ran)."""
    with Counting() as many, Evaluator() as one:
        together = many.check_many(exercise, sources, brief=True, own_mistakes=True)
        alone = [one.check(exercise, source) for source in sources]
    return together, alone, many.ops


def test_each_mistake_runs_once_and_is_still_recognised(
        make_exercise: Callable[..., ExerciseStep]) -> None:
    exercise = make_exercise(mistakes=_mistakes(("sum-of-sums", SUM_OF_SUMS),
                                                ("doubled", DOUBLED), ("twin", DOUBLED)))
    sources = [exercise.solution, exercise.starter, SUM_OF_SUMS, DOUBLED, DOUBLED]
    together, alone, ops = _both(exercise, sources)
    assert ops == ["cases"] * len(sources)  # no run of the mistakes beside them
    assert [v.mistake for v in together] == [None, None, "sum-of-sums", "doubled", "doubled"]
    assert [(v.status, v.mistake) for v in together] == [(v.status, v.mistake) for v in alone]


def test_mistakes_whose_lesson_run_may_differ_make_that_run(
        make_exercise: Callable[..., ExerciseStep]) -> None:
    for odd in (NOISY, BROKEN):
        exercise = make_exercise(mistakes=_mistakes(("doubled", DOUBLED), ("odd", odd)))
        sources = [exercise.solution, exercise.starter, DOUBLED, odd]
        together, alone, ops = _both(exercise, sources)
        assert ops.count("mistakes") == 1, odd
        assert [(v.status, v.mistake) for v in together] == \
            [(v.status, v.mistake) for v in alone]
        assert together[2].mistake == "doubled"


def test_a_brief_verdict_keeps_its_status_and_known_mistake_only(
        make_exercise: Callable[..., ExerciseStep]) -> None:
    exercise = make_exercise(mistakes=_mistakes(("doubled", DOUBLED)))
    halved = "import numpy as np\ndef dot(a, b):\n    return float(np.sum(a * b)) / 2\n"
    with Evaluator() as ev:
        brief = ev.check_many(exercise, [halved, DOUBLED], brief=True)
        full = [ev.check(exercise, source) for source in (halved, DOUBLED)]
    assert full[0].diagnoses and not brief[0].diagnoses  # "half the expected", not asked for
    assert full[0].failing.message and not brief[0].failing.message  # nor described
    assert [(v.status, v.mistake) for v in brief] == [("failed", None), ("failed", "doubled")]
    assert [(v.status, v.mistake) for v in full] == [("failed", None), ("failed", "doubled")]


def _outcome(value: float, seconds: float = 0.01, **ended: Any) -> RunOutcome:
    messages = [{"ev": "case", "k": 0, "out": encoding.encode(value)}, {"ev": "done"}]
    return RunOutcome(messages=messages, duration_ms=seconds * 1000, **ended)


def test_own_runs_stand_in_only_for_runs_that_ended_well_in_time(
        make_exercise: Callable[..., ExerciseStep]) -> None:
    exercise = make_exercise(random=[], mistakes=_mistakes(("doubled", DOUBLED),
                                                           ("sum-of-sums", SUM_OF_SUMS)))
    specs = plan(exercise)
    sources = [DOUBLED, SUM_OF_SUMS]

    def runs(*outcomes: RunOutcome | None) -> Any:
        return own_mistake_runs(exercise, specs, sources, list(outcomes), 30.0)

    found = runs(_outcome(2.0), _outcome(3.0))
    assert found is not None and [r[0].out for r in found] == [2.0, 3.0]  # type: ignore[union-attr]
    assert runs(_outcome(2.0), None) is None  # not run (a syntax error, a forbidden call)
    assert runs(_outcome(2.0), _outcome(3.0, timed_out=True)) is None
    assert runs(_outcome(2.0), _outcome(3.0, failure="worker died")) is None
    assert runs(_outcome(2.0), RunOutcome(messages=[{"ev": "done"}])) is None  # a case missing
    share = TIME_SHARE * 30.0
    assert runs(_outcome(2.0, share / 2), _outcome(3.0, share / 2)) is not None
    assert runs(_outcome(2.0, share / 2), _outcome(3.0, share / 2 + 0.1)) is None
