"""Lesson code that fails is named for its author: which part (reference, a case's args, a
generator, the speed check's baseline or args), which case, in words that never say "your".

The child reports what it is doing (loading, building case k's inputs, calling the function
on it, the speed check's parts), so a run that hangs or crashes is blamed on the right code;
a child with more results than the grader accepts says how much, and stops. Time limits and
the result limit are shortened by patching the module constants. No test asserts on timing.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

from tutor.grading import Evaluator, childrun, feedback
from tutor.grading.child import harness
from tutor.grading.compare import Mismatch
from tutor.grading.sandbox import RunOutcome
from tutor.grading.verdict import LessonProblem

Check = Callable[..., Any]
HANG = "while True:\n        pass"
YOU = re.compile(r"\byou(r)?\b", re.IGNORECASE)


def generator(body: str) -> list[dict[str, Any]]:
    return [{"generator": f"import numpy as np\ndef generate(rng, size):\n    {body}\n",
             "count": 2, "seed": 1, "sizes": [1, 8]}]


@pytest.fixture
def short_lesson_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("tutor.grading.lessoncode.LESSON_TIME_LIMIT_S", 1.0)


# -- which phase a hanging lesson was in

@pytest.mark.usefixtures("short_lesson_limit")
def test_a_hanging_generator_is_the_generators_problem(check: Check) -> None:
    verdict = check("def dot(a, b):\n    return 0.0\n", random=generator(HANG), time_limit=1)
    assert verdict.status == "error"
    assert verdict.lesson_problem == LessonProblem(
        "generator", "the generator did not finish in time on random case #1 (size 1): the "
        "reference run has 1 s for all its cases", 1)
    assert verdict.lesson_problem.key == ("random", 0, "generator")
    assert verdict.messages[0] == f"the lesson is broken, not your code: " \
        f"{verdict.lesson_problem.message}"


@pytest.mark.usefixtures("short_lesson_limit")
def test_hanging_case_args_are_the_args_problem(check: Check) -> None:
    verdict = check("def dot(a, b):\n    return 0.0\n", time_limit=1,
                    cases=[{"args": "np.zeros(2), np.zeros(2)"},
                           {"args": "sum(iter(int, 1)), np.zeros(2)"}])
    assert verdict.lesson_problem == LessonProblem(
        "args", "the args of case 2 did not finish in time: the reference run has 1 s for all "
        "its cases", 1)
    assert verdict.lesson_problem.key == ("cases", 1, "args")


@pytest.mark.usefixtures("short_lesson_limit")
def test_a_hanging_reference_is_the_references_problem(check: Check) -> None:
    solution = f"def dot(a, b):\n    {HANG}\n"
    verdict = check("def dot(a, b):\n    return 0.0\n", solution=solution, time_limit=1)
    assert verdict.lesson_problem == LessonProblem(
        "solution", "the reference solution did not finish all 7 cases within 1 s (time ran out "
        "on the worked example)", 0)
    assert verdict.lesson_problem.key == ("solution",)
    verdict = check("def dot(a, b):\n    return 0.0\n", time_limit=1,
                    solution="while True:\n    pass\ndef dot(a, b):\n    return 0.0\n")
    assert verdict.lesson_problem == LessonProblem(
        "solution", "the reference solution did not finish loading within 1 s")


SPEED = {
    "function": "total",
    "solution": "import numpy as np\ndef total(x):\n    return float(np.sum(x))\n",
    "starter": "def total(x):\n    pass\n",
    "cases": [{"args": "np.arange(10.0)"}],
    "random": [],
    "speed": {"baseline": "def baseline(x):\n    return sum(x.tolist())\n",
              "args": "rng.normal(size=1000)", "min_speedup": 1.5, "repeats": 3},
}


def test_inputs_too_slow_for_the_learners_limit_are_the_lessons_problem(check: Check) -> None:
    """A function argument cannot travel as data: the learner's child builds that case again,
    under the exercise's time limit (shorter than the reference run's)."""
    slow = generator("import time\n    time.sleep(1.5)\n    return np.sin, rng.normal(size=size)")
    slow[0]["count"] = 1
    verdict = check("def dot(a, b):\n    return 0.0\n", random=slow, time_limit=1,
                    cases=[{"args": "np.zeros(2), np.zeros(2)"}],
                    solution="def dot(a, b):\n    return 0.0\n")
    assert verdict.status == "timeout"
    assert verdict.lesson_problem == LessonProblem(
        "generator", "the generator did not finish in time on random case #1 (size 1): the "
        "exercise's time limit is 1 s for all cases", 1)
    assert verdict.lesson_problem.key == ("random", 0, "generator")
    assert verdict.messages[0] == ("the grader ran out of time building the inputs of random "
                                   "case #1 (size 1) (the lesson's code, not yours; 1 s for all "
                                   "cases)")


def test_speed_check_parts(check: Check, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("tutor.grading.lessoncode.LESSON_TIME_LIMIT_S", 1)

    def speed(**fields: Any) -> dict[str, Any]:
        return {**SPEED, "time_limit": 1, "speed": {**SPEED["speed"], **fields}}

    hang = speed(baseline=f"def baseline(x):\n    {HANG}\n")
    verdict = check(SPEED["solution"], **hang)
    assert verdict.status == "error" and verdict.lesson_problem == LessonProblem(
        "baseline", "the speed baseline did not finish within 1 s")
    assert verdict.lesson_problem.key == ("speed", "baseline")
    assert verdict.messages == ["the speed check cannot run: the speed baseline did not finish "
                                "within 1 s"]
    verdict = check(SPEED["solution"], **speed(args="rng.normal(size=3) / undefined_name"))
    assert verdict.lesson_problem == LessonProblem(
        "speed_args", "the speed check's args raised NameError: name 'undefined_name' is not "
        "defined")
    assert verdict.lesson_problem.key == ("speed", "args")
    verdict = check(SPEED["solution"], **speed(baseline="def baseline(x):\n    return 1 / 0\n"))
    assert verdict.lesson_problem is not None and verdict.lesson_problem.part == "baseline"
    assert verdict.lesson_problem.message.startswith(
        "the speed baseline raised ZeroDivisionError: division by zero")
    slow = ("def total(x):\n    if len(x) > 100:\n        while True:\n            pass\n"
            "    return float(sum(x))\n")
    verdict = check(slow, **speed())
    assert verdict.status == "timeout" and verdict.lesson_problem is None
    assert verdict.messages[0].startswith("the speed check ran longer than 1 s (your function "
                                          "runs once on each of its inputs)")


# -- what the lesson code did wrong, in the author's words

def test_a_generator_must_return_a_tuple(check: Check) -> None:
    verdict = check("def dot(a, b):\n    return 0.0\n",
                    random=generator("return rng.normal(size=size)"))
    assert verdict.lesson_problem == LessonProblem(
        "generator", "generate() must return a tuple of the positional arguments; it returned "
        "ndarray", 1)
    # a list is one argument (a function may take a list): the reference's error as it is
    verdict = check("def dot(a, b):\n    return 0.0\n", random=generator("return [1.0, 2.0]"))
    assert verdict.lesson_problem is not None and verdict.lesson_problem.part == "solution"
    assert verdict.lesson_problem.message.startswith(
        "the reference solution raised TypeError on random case #1 (size 1): dot() missing 1 "
        "required positional argument: 'b'")


def test_lesson_errors_name_the_lesson_code(check: Check) -> None:
    verdict = check("def dot(a, b):\n    return 0.0\n", random=generator("raise KeyError('k')"))
    assert verdict.lesson_problem == LessonProblem(
        "generator", "the generator raised KeyError on random case #1 (size 1): 'k'", 1)
    verdict = check("def dot(a, b):\n    return 0.0\n",
                    solution="def dot(a, b):\n    raise ValueError('ref')\n")
    assert verdict.lesson_problem == LessonProblem(
        "solution", "the reference solution raised ValueError on the worked example: ref\n"
        "  line 2, in dot\n      raise ValueError('ref')", 0)
    verdict = check("def dot(a, b):\n    return 0.0\n", solution="dot = 3\n")
    assert verdict.lesson_problem == LessonProblem(
        "solution", "the reference solution does not define a function named dot (found dot, "
        "but it is a int)")


def test_learner_messages_reworded_for_the_author_never_say_you() -> None:
    exc = {"type": "ValueError", "message": "bad", "trace": ["line 3, in dot"]}
    messages = [
        feedback.exception_message(exc), feedback.exception_message({"kind": "exit"}),
        feedback.exception_message({"kind": "recursion"}),
        feedback.exception_message({"kind": "memory"}),
        feedback.exception_message({"kind": "interrupt"}),
        feedback.crash_message(-11, "case 1"), feedback.crash_message(-9, None),
        feedback.crash_message(3, None), feedback.crash_message(None, None),
        feedback.timeout_message(5, "case 1", cases=3, twice=True),
        feedback.timeout_message(5, None), feedback.timeout_message(5, None, speed=True),
        feedback.not_deterministic_message(), feedback.rng_not_used_message(),
        feedback.changed_input_message("x", 0, "f"), feedback.changed_input_message(None, 1),
        feedback.speed_message(1.5, 3), feedback.missing_function_message("f", "int"),
        feedback.raises_message("ValueError", None),
        feedback.overflow_warning_message(["RuntimeWarning: overflow encountered in exp"], True),
        feedback.data_message("your code", 2**30, 2**28),
        *[feedback.describe(m) for m in [
            Mismatch("none", got=None, expected=1.0), Mismatch("value", got=2.0, expected=1.0,
                                                               factor=2.0),
            Mismatch("value", got=-1.0, expected=1.0, factor=-1.0),
            Mismatch("nan", got=np.array([np.nan]), expected=np.array([1.0]), detail="1 of 1"),
            Mismatch("keys", got={"a": 1, "c": 2}, expected={"a": 1, "b": 2}, missing=("b",),
                     extra=("c",)),
            Mismatch("unsupported", detail="set"),
            Mismatch("shape", got=np.zeros((3, 1)), expected=np.zeros(3)),
        ]],
    ]
    assert all(YOU.search(m) for m in messages[:3])  # the check means something
    for message in messages:
        reworded = feedback.for_author(message)
        assert not YOU.search(reworded), (message, reworded)
    assert feedback.for_author(feedback.changed_input_message("x", 0)) == (
        "the reference solution changed its input x in place; work on a copy (x.copy())")
    assert feedback.for_author("your code's process was killed by SIGKILL", "it") == (
        "its process was killed by SIGKILL")


# -- too much data: measured in the child, never built

def test_a_learner_result_beyond_the_limit_is_a_clear_verdict(check: Check) -> None:
    for result in ("np.zeros(10**8)", "tuple(np.zeros(7 * 10**6) for _ in range(10))"):
        verdict = check(f"import numpy as np\ndef dot(a, b):\n    return {result}\n")
        assert verdict.status == "error"
        assert re.fullmatch(r"your code sent back more data than the grader accepts \(\d+ MB; "
                            r"limit 8 MB\) by the worked example: return a smaller result",
                            verdict.messages[0]), verdict.messages
        assert verdict.failing is not None and verdict.failing.name == "the worked example"
    assert check("import numpy as np\ndef dot(a, b):\n    return float(np.sum(a * b))\n").passed


def test_the_result_limit_covers_every_case_and_the_reference(
        check: Check, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("tutor.grading.sandbox.RESULT_BYTES", 2**20)
    monkeypatch.setattr("tutor.grading.sandbox.LESSON_RESULT_BYTES", 2**20)
    verdict = check("import numpy as np\ndef dot(a, b):\n    return np.zeros(30_000)\n")
    assert re.fullmatch(r"your code sent back more data than the grader accepts \(1\.\d MB; "
                        r"limit 1 MB\) by random case #\d \(size \d\): return a smaller result",
                        verdict.messages[0]), verdict.messages
    big = generator("return rng.normal(size=20_000), rng.normal(size=20_000)")
    big[0]["count"] = 20
    verdict = check("def dot(a, b):\n    return 0.0\n", random=big)
    problem = verdict.lesson_problem
    assert problem is not None and problem.part == "data" and problem.case is not None
    assert re.fullmatch(r"the reference solution sent back more data than the grader accepts "
                        r"\(1\.\d MB; limit 1 MB\) by random case #\d+ \(size \d\): the inputs "
                        r"and output of every case travel back; use fewer or smaller cases",
                        problem.message), problem.message


def test_facts_beyond_the_limit(evaluator: Evaluator, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("tutor.grading.sandbox.RESULT_BYTES", 2**20)
    monkeypatch.setattr("tutor.grading.sandbox.LESSON_RESULT_BYTES", 2**20)
    results = evaluator.eval_expressions(["1", "np.zeros(10**6)", "2"])
    assert results[0].value == 1
    assert results[1].error == ("it sent back more data than the grader accepts (11 MB; "
                                "limit 1 MB)")
    assert results[2].error == "not evaluated: an expression before it stopped the run"


def test_the_child_measures_a_result_and_stops(monkeypatch: pytest.MonkeyPatch) -> None:
    """In process: the overflow report comes instead of the result, and nothing after it."""
    monkeypatch.setattr(sys, "stdout", sys.stdout)
    monkeypatch.setattr(sys, "stderr", sys.stderr)
    written: list[bytes] = []
    job = {"op": "cases", "code": "import numpy as np\ndef f(n):\n    return np.zeros(n)\n",
           "function": "f", "cases": [{"args": "10"}, {"args": "10**6"}, {"args": "1"}]}
    harness.Runner(job, written.append, [], limit=200_000).run()
    outcome = RunOutcome(messages=[json.loads(line) for line in written])
    events = [m["ev"] for m in outcome.messages]
    assert events == ["phase", "start", "phase", "case", "start", "phase", "overflow"]
    overflow = outcome.messages[-1]
    assert overflow["limit"] == 200_000 and overflow["bytes"] > 8 * 10**6 * 4 // 3
    assert sum(map(len, written[:-1])) < 200_000
    assert childrun.stage_of(outcome) == childrun.Stage("call", 1)


# -- the lesson time limit is read when used

def test_eval_expressions_reads_the_lesson_time_limit_when_called(
        evaluator: Evaluator, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("tutor.grading.lessoncode.LESSON_TIME_LIMIT_S", 1.0)
    results = evaluator.eval_expressions(["sum(iter(int, 1))", "2"])
    assert results[0].error == "took longer than 1 s"
    assert results[1].error == "not evaluated: an expression before it stopped the run"
    loading = evaluator.eval_expressions(["1"], "while True:\n    pass\n")
    assert loading[0].error == "the reference solution did not finish loading within 1 s"
    broken = evaluator.eval_expressions(["1"], "raise RuntimeError('bad lesson')")
    assert broken[0].error == ("the reference solution raised RuntimeError while loading: bad "
                               "lesson\n  line 1, in <module>\n      raise RuntimeError('bad "
                               "lesson')")


def test_a_run_that_ends_over_the_limit_reports_it_in_place_of_done(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Its output (sent with the final report) is what goes over: still an overflow report."""
    monkeypatch.setattr(sys, "stdout", sys.stdout)
    monkeypatch.setattr(sys, "stderr", sys.stderr)
    written: list[bytes] = []
    job = {"op": "eval", "exprs": ["print('x' * 9000)"]}
    harness.Runner(job, written.append, [], limit=5000).run({"ev": "ready"})
    assert [json.loads(line)["ev"] for line in written] == ["ready", "start", "value",
                                                            "overflow"]


def test_ready_made_cases_are_reported_in_one_message_each() -> None:
    from tutor.grading import encoding, wire

    cases = [{"wire": [encoding.encode(np.arange(3.0)), encoding.encode(np.ones(3))]}] * 5
    job = {"op": "cases", "code": "def f(a, b):\n    return float(a @ b)\n",
           "function": "f", "cases": cases}
    written: list[bytes] = []
    harness.Runner(job, written.append, []).run({"ev": "ready", "layers": {}})
    events = [(m["ev"], m.get("k"), m.get("then")) for m in map(wire.loads, written)]
    assert events == [("ready", None, None), ("phase", None, None), ("start", 0, None),
                      ("phase", 0, None), ("case", 0, "call"), ("case", 1, "call"),
                      ("case", 2, "call"), ("case", 3, "call"), ("case", 4, None),
                      ("done", None, None)]
