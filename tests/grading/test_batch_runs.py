"""Several jobs in one child (validate's runs of an exercise's sources): each gets the
outcome its own child would give; a job that hangs, crashes or changes shared state is
reported against itself, and the jobs after it run each in a child of their own."""

from __future__ import annotations

import random
from collections.abc import Iterator
from typing import Any

import pytest

from tutor.grading import Evaluator, batchrun, lessoncode
from tutor.grading.lessoncode import read_expressions
from tutor.grading.sandbox import RESULT_SLACK, Job, RunOutcome

from .conftest import exercise

HANG = "[None for _ in iter(int, 1)]"  # never ends


@pytest.fixture(scope="module")
def ev() -> Iterator[Evaluator]:
    with Evaluator() as evaluator:
        yield evaluator


class Runs:
    """Runs jobs in ``ev``'s numpy worker, remembering each call's jobs."""

    def __init__(self, ev: Evaluator) -> None:
        self.ev = ev
        self.calls: list[list[str]] = []

    def __call__(self, jobs: list[Job]) -> list[RunOutcome]:
        self.calls.append([job.payload["op"] for job in jobs])
        return self.ev.run_jobs(jobs)


def _job(ev: Evaluator, *exprs: str, limit: float = 5.0) -> Job:
    return ev.lesson_code.expressions_job(list(exprs), None, limit, None, ())


def _values(jobs: list[Job], outcomes: list[RunOutcome]) -> list[list[Any]]:
    read = [read_expressions(o, j.payload["exprs"], None, j.time_limit)
            for j, o in zip(jobs, outcomes, strict=True)]
    return [[r.value if r.ok else f"error: {r.error}" for r in results] for results in read]


def test_clean_jobs_come_from_one_child(ev: Evaluator) -> None:
    runs = Runs(ev)
    jobs = [_job(ev, "1 + 1"), _job(ev, "float(np.sum(np.arange(4.0)))"), _job(ev, "'x' * 3")]
    assert _values(jobs, batchrun.run_together(runs, jobs)) == [[2], [6.0], ["xxx"]]
    assert runs.calls == [["batch"]]


def test_each_job_starts_from_the_same_random_state(ev: Evaluator) -> None:
    """numpy's global generator as a fresh child has it (the same in every child); Python's
    as the batch's child had it (a fresh child's is seeded anew at its fork)."""
    reading = _job(ev, "float(np.random.rand())", "__import__('random').random()")
    alone = _values([reading], ev.run_jobs([reading]))
    runs = Runs(ev)
    seeding = _job(ev, "np.random.seed(7) or __import__('random').seed(7)")
    values = _values([seeding, reading], batchrun.run_together(runs, [seeding, reading]))
    assert runs.calls == [["batch"]]
    assert values[1][0] == alone[0][0]  # not numpy's draw after seed 7
    assert values[1][1] != random.Random(7).random()


@pytest.mark.parametrize("change", [
    "setattr(np, 'sum', lambda *a, **k: 0.0)",
    "np.seterr(all='raise') and None",
    "open('left-behind.txt', 'w').write('x')",
    "setattr(__import__('builtins'), 'leaked', 1)",
    "__import__('warnings').simplefilter('error')",
])
def test_a_job_that_changes_shared_state_ends_the_batch(ev: Evaluator, change: str) -> None:
    runs = Runs(ev)
    jobs = [_job(ev, change), _job(ev, "float(np.sum(np.ones(3)))",
                                   "__import__('os').path.exists('left-behind.txt')",
                                   "'leaked' in dir(__import__('builtins'))",
                                   "float(np.float64(1.0) / 0.0)")]
    values = _values(jobs, batchrun.run_together(runs, jobs))
    assert runs.calls == [["batch"], ["eval"]]  # the second ran again, in a child of its own
    assert values[1] == [3.0, False, False, float("inf")]


def test_a_hang_is_reported_against_its_job_and_the_rest_still_run(ev: Evaluator) -> None:
    runs = Runs(ev)
    jobs = [_job(ev, "1"), _job(ev, HANG, limit=1.0), _job(ev, "3")]
    values = _values(jobs, batchrun.run_together(runs, jobs))
    alone = _values(jobs[1:2], ev.run_jobs(jobs[1:2]))
    assert runs.calls == [["batch"], ["eval", "eval"]]
    assert values[0] == [1] and values[2] == [3]
    assert values[1] == alone[0] and "1 s" in values[1][0]


def test_a_crash_is_reported_against_its_job(ev: Evaluator) -> None:
    runs = Runs(ev)
    crash = "__import__('os')._exit(3)"
    jobs = [_job(ev, "1"), _job(ev, crash), _job(ev, "3")]
    values = _values(jobs, batchrun.run_together(runs, jobs))
    alone = _values(jobs[1:2], ev.run_jobs(jobs[1:2]))
    assert runs.calls == [["batch"], ["eval", "eval"]]
    assert values == [[1], alone[0], [3]]
    assert str(values[1][0]).startswith("error")


def test_validate_runs_give_the_verdicts_of_separate_children(
        ev: Evaluator, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lessoncode, "LESSON_TIME_LIMIT_S", 2.0)  # the mistakes' own run hangs
    ex = exercise(mistakes=[
        {"name": "off-by-one", "message": "One too many.",
         "code": "import numpy as np\ndef dot(a, b):\n    return float(np.sum(a * b)) + 1\n"},
        {"name": "hangs", "message": "Never ends.",
         "code": f"def dot(a, b):\n    {HANG}\n    return 0.0\n"},
        {"name": "leaks", "message": "Changes numpy.",
         "code": "import numpy as np\nnp.multiply = np.add\n"
                 "def dot(a, b):\n    return float(np.sum(a * b))\n"},
        {"name": "exits", "message": "Leaves.",
         "code": "import os\ndef dot(a, b):\n    os._exit(0)\n"},
    ], time_limit=1.0)
    sources = [ex.solution, ex.starter, *(m.code for m in ex.mistakes)]

    def seen(one_child: bool) -> list[tuple[Any, ...]]:
        verdicts = ev.check_many(ex, sources, brief=True, own_mistakes=True,
                                 one_child=one_child)
        return [(v.status, v.mistake, v.messages[:1]) for v in verdicts]

    together = seen(True)
    assert together == seen(False)
    assert together[0][0] == "passed" and together[1][0] != "passed"


def _outcome(lines: list[dict[str, Any]], marks: list[float],
             sizes: list[int] | None = None) -> RunOutcome:
    """A batch's outcome as the sandbox leaves it: ``sizes``, each job's bytes."""
    offsets = [0]
    for size in sizes or [100] * (len(marks) - 1):
        offsets.append(offsets[-1] + size)
    return RunOutcome(lines=lines, marks=marks, offsets=offsets, result_limit=3 * 1000)


READY = {"ev": "ready", "layers": {}}
DONE = {"ev": "done", "stdout": "", "dropped": 0}
MARKS = [0.0, 0.1, 0.2, 0.3]


def test_a_report_is_taken_only_when_clean() -> None:
    jobs = [Job({"op": "exec", "code": "pass"}, time_limit=1.0, max_messages=3)
            for _ in range(3)]
    clean = batchrun.split(_outcome([READY, DONE] * 3, MARKS), jobs)
    assert all(o is not None and o.finished for o in clean)
    assert [o.result_limit for o in clean if o is not None] == [1000] * 3

    def taken(outcome: RunOutcome) -> list[bool]:
        return [o is not None for o in batchrun.split(outcome, jobs)]

    # the second took longer than its limit: it and the third run again
    assert taken(_outcome([READY, DONE] * 3, [0.0, 0.1, 1.5, 1.6])) == [True, False, False]
    # no done: the child stopped in the middle of the second
    assert taken(_outcome([READY, DONE, READY], MARKS[:3])) == [True, False, False]
    # more lines or bytes than one job may send, or a MemoryError anywhere
    phase = {"ev": "phase", "phase": "load"}
    assert taken(_outcome([READY, DONE, READY, phase, phase, DONE, READY, DONE], MARKS)) \
        == [True, False, False]
    assert taken(_outcome([READY, DONE] * 3, MARKS, [100, 1000 + RESULT_SLACK + 1, 100])) \
        == [True, False, False]
    memory = {"ev": "load", "exc": {"type": "MemoryError", "message": "", "trace": [],
                                    "kind": "memory"}}
    assert taken(_outcome([READY, memory, DONE, READY, DONE, READY, DONE], MARKS)) \
        == [False, False, False]
    # more reports than jobs, or a malformed one: none is trusted past it
    assert taken(_outcome([READY, DONE] * 4, [*MARKS, 0.4])) == [False] * 3
    bad = _outcome([READY, DONE, READY, {"ev": "case", "k": 9}, DONE], MARKS[:3])
    assert taken(bad) == [True, False, False]
    assert batchrun.split(RunOutcome(failure="the worker died"), jobs) == [None] * 3


def test_fact_groups_give_what_each_gives_alone(ev: Evaluator) -> None:
    """validate's facts of a lesson: each group as eval_expressions gives it, a hanging
    group included (it, and the groups after it, run again alone)."""
    solution = "import numpy as np\nnp.random.seed(3)\nTHREE = 3.0\n"
    groups = [(["THREE * 2", "float(np.random.rand())"], solution),
              (["1 / 0", "THREE"], solution),
              ([HANG, "2"], None),
              (["float(np.sqrt(16.0))"], None)]
    together = ev.eval_groups(groups, time_limit=1.0)
    alone = [ev.eval_expressions(exprs, code, time_limit=1.0) for exprs, code in groups]
    assert [[(o.ok, o.value, o.error) for o in g] for g in together] == \
        [[(o.ok, o.value, o.error) for o in g] for g in alone]
    assert together[0][0].value == 6.0 and together[3][0].value == 4.0
    assert not together[2][0].ok and not together[2][1].ok
