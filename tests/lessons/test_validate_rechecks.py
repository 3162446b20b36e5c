"""Validate's check of an exercise reads brief verdicts, and words what it reports from a
full check of the same file (no sandbox: a stand-in evaluator gives the verdicts)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from tutor.authoring.validate import _check_exercise
from tutor.lessons.model import ExerciseStep

SOLUTION = "def f(x):\n    return x\n"


@dataclass
class V:
    """A verdict stand-in: what validate reads of one."""

    status: str = "failed"
    mistake: str | None = None
    messages: list[str] = field(default_factory=list)
    lesson_problem: None = None
    failing: None = None

    @property
    def passed(self) -> bool:
        return self.status == "passed"


@dataclass
class Stand:
    brief: list[V]  # check_many's verdicts, in order: solution, starter, mistakes
    full: dict[str, V]  # check's verdict per source
    asked: list[dict[str, bool]] = field(default_factory=list)

    def check_many(self, exercise: ExerciseStep, sources: Sequence[str],
                   **options: bool) -> list[V]:
        self.asked.append(options)
        return self.brief

    def check(self, exercise: ExerciseStep, source: str) -> V:
        return self.full[source]


def _exercise(*mistakes: str) -> ExerciseStep:
    return ExerciseStep.model_validate({
        "kind": "exercise", "id": "p/e", "title": "E", "prompt": "Write f.", "function": "f",
        "starter": "def f(x):\n    pass\n", "solution": SOLUTION,
        "cases": [{"args": "1.0"}],
        "mistakes": [{"name": f"m{k}", "code": code, "message": "No."}
                     for k, code in enumerate(mistakes)]})


def test_problems_are_worded_from_a_full_check_when_it_shows_them_too() -> None:
    one, two = "def f(x):\n    return 2 * x\n", "def f(x):\n    return 3 * x\n"
    stand = Stand([V("passed"), V(), V(mistake="m1"), V()],
                  {one: V(mistake="m1"), two: V(messages=["case 1: 3.0, expected 1.0"])})
    found = list(_check_exercise(_exercise(one, two), stand))
    assert stand.asked == [{"brief": True, "own_mistakes": True, "one_child": True}]
    assert found == [
        (("mistakes", 0), "mistake 'm0' fails but is not recognised as itself (recognised "
                          "as 'm1')"),
        (("mistakes", 1), "mistake 'm1' fails but is not recognised as itself (failed as: "
                          "case 1: 3.0, expected 1.0)")]


def test_a_problem_the_full_check_does_not_show_is_still_reported() -> None:
    """A time limit on a busy machine: the first verdict's problem is reported, not
    dropped because a second look went well."""
    one = "def f(x):\n    return 2 * x\n"
    stand = Stand([V("passed"), V(), V("timeout", messages=["ran out of time"])],
                  {one: V(mistake="m0")})
    assert list(_check_exercise(_exercise(one), stand)) == [
        (("mistakes", 0), "mistake 'm0' fails but is not recognised as itself (failed as: "
                          "ran out of time)")]
    stand = Stand([V("timeout", messages=["ran out of time"]), V(), V(mistake="m0")],
                  {SOLUTION: V("passed")})
    assert list(_check_exercise(_exercise(one), stand)) == [
        (("solution",), "reference solution does not pass its own checks: ran out of time")]
