"""Class exercises (``entry: class``): the lesson's driver builds objects from the learner's
class inside the sandbox, and what it returns is graded like a function's output."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from pydantic import ValidationError

from tutor.grading import Evaluator
from tutor.lessons.checks import defines
from tutor.lessons.model import ExerciseStep

from .conftest import code, exercise

Check = Callable[..., Any]

COUNTER = code("""
    class Counter:
        def __init__(self, start):
            self.value = start

        def add(self, k):
            self.value += k
            return self
""")
DRIVER = code("""
    def drive(Counter, start, steps):
        c = Counter(start)
        for k in steps:
            c = c.add(k)
        return {"value": c.value, "type": type(c).__name__ == "Counter"}
""")
GENERATOR = code("""
    def generate(rng, size):
        return float(rng.normal()), [float(v) for v in rng.normal(size=size)]
""")
OVERWRITES = COUNTER.replace("self.value += k", "self.value = k")


def counter(**fields: Any) -> ExerciseStep:
    base: dict[str, Any] = {
        "id": "calculus/counter", "title": "Counter", "prompt": "Write class Counter.",
        "function": "Counter", "entry": "class", "driver": DRIVER, "solution": COUNTER,
        "starter": "class Counter:\n    pass\n",
        "cases": [{"name": "three steps", "args": "1.0, [1.0, 2.0, 3.0]"}],
        "random": [{"generator": GENERATOR, "count": 5, "seed": 3}],
        "mistakes": [{"name": "overwrites", "code": OVERWRITES,
                      "message": "Add each step to the value; do not replace it."}],
    }
    base.update(fields)
    return exercise(**base)


@pytest.fixture
def check_counter(evaluator: Evaluator) -> Check:
    return lambda source, **fields: evaluator.check(counter(**fields), code(source))


def test_the_reference_class_passes_through_the_driver(check_counter: Check) -> None:
    verdict = check_counter(COUNTER)
    assert verdict.passed, verdict.messages
    assert len(verdict.cases) == 6


def test_a_wrong_class_fails_and_its_known_mistake_is_named(check_counter: Check) -> None:
    verdict = check_counter(OVERWRITES)
    assert not verdict.passed
    assert verdict.mistake == "overwrites"
    assert "Add each step to the value" in " ".join(verdict.messages)


def test_a_function_where_a_class_is_asked_for_is_refused(check_counter: Check) -> None:
    verdict = check_counter("def Counter(start):\n    return start\n")
    assert verdict.status == "error"
    assert "define a class named Counter (found Counter, but it is a function)" in (
        verdict.messages)
    verdict = check_counter("x = 1\n")
    assert "define a class named Counter" in verdict.messages


def test_an_exception_in_a_method_shows_the_learners_line(check_counter: Check) -> None:
    verdict = check_counter(COUNTER.replace("self.value += k", "self.value += k / 0"))
    assert verdict.status == "error"
    text = " ".join(verdict.messages)
    assert "ZeroDivisionError" in text


def test_the_learners_class_runs_in_the_sandbox_not_here(check_counter: Check) -> None:
    """The class's methods run in the child: a side effect on this process never happens."""
    marker = "import builtins\nbuiltins.TUTOR_CLASS_RAN = True\n"
    check_counter(marker + COUNTER)
    import builtins

    assert not hasattr(builtins, "TUTOR_CLASS_RAN")


def test_run_uses_the_driver_on_the_first_case(evaluator: Evaluator) -> None:
    result = evaluator.run(counter(), COUNTER)
    assert result.ok and "7" in result.value_repr


def test_the_format_ties_a_class_entry_to_its_driver() -> None:
    with pytest.raises(ValidationError, match="entry: class needs a driver"):
        counter(driver=None)
    with pytest.raises(ValidationError, match="no `also`"):
        counter(also=["other"])
    with pytest.raises(ValidationError, match="driver is not valid Python"):
        counter(driver="def drive(:\n")


def test_defines_tells_a_class_from_a_function() -> None:
    assert defines(COUNTER, "Counter", "class")
    assert not defines(COUNTER, "Counter")
    assert not defines("def Counter():\n    pass\n", "Counter", "class")


IN_PLACE_DRIVER = code("""
    import numpy as np

    def drive(fn, arrays):
        kept = [np.array(a, copy=True) for a in arrays]
        out = fn(arrays)
        if any(not np.array_equal(a, k) for a, k in zip(arrays, kept)):
            raise ValueError("the function changed the arrays inside its list argument")
        return out
""")


def test_a_function_exercise_can_have_a_driver(evaluator: Evaluator) -> None:
    """A driver around a function: here it checks arrays inside a list stay unchanged."""
    ex = exercise(function="total", driver=IN_PLACE_DRIVER, random=[],
                  solution="def total(arrays):\n    return sum(float(a.sum()) for a in arrays)\n",
                  starter="def total(arrays):\n    pass\n",
                  cases=[{"args": "[np.ones(3), np.arange(4.0)]"}])
    assert evaluator.check(ex, ex.solution).passed
    in_place = "def total(arrays):\n    arrays[0] *= 0\n    return 9.0\n"
    verdict = evaluator.check(ex, in_place)
    assert not verdict.passed
    assert "changed the arrays inside its list argument" in " ".join(verdict.messages)
    verdict = evaluator.check(ex, "class total:\n    pass\n")
    assert not verdict.passed and "define a class" not in " ".join(verdict.messages)


def test_a_driver_that_fails_on_the_reference_is_the_lessons_problem(
        evaluator: Evaluator) -> None:
    broken = DRIVER.replace("c = c.add(k)", "c = c.missing_method(k)")
    verdict = evaluator.check(counter(driver=broken), COUNTER)
    assert verdict.status == "error"
    assert verdict.lesson_problem is not None
    assert "missing_method" in verdict.lesson_problem.message
