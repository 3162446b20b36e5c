"""Per-exercise rules beyond value comparison: finite-only cases, inputs left unchanged,
advice on forbidden calls."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tutor.grading import Evaluator, forbidden, sourcetree
from tutor.lessons.model import ExerciseStep

from .conftest import code

BCE_SOLUTION = """
import numpy as np

def bce(y_true, y_pred):
    p = np.clip(y_pred, 1e-15, 1 - 1e-15)
    return float(-np.mean(y_true * np.log(p) + (1 - y_true) * np.log(1 - p)))
"""


def bce_exercise(make_exercise: Callable[..., ExerciseStep]) -> ExerciseStep:
    return make_exercise(
        id="information-theory/binary-cross-entropy", function="bce", solution=BCE_SOLUTION,
        starter="def bce(y_true, y_pred):\n    return 0.0\n", random=[],
        cases=[{"args": "np.array([1., 0., 1.]), np.array([0.9, 0.1, 0.8])"},
               {"name": "confidently wrong", "args": "np.array([1., 0.]), np.array([0., 1.])",
                "check": "finite", "note": "Clip the predictions before taking the log."}])


def test_a_finite_case_accepts_any_epsilon(evaluator: Evaluator,
                                           make_exercise: Callable[..., ExerciseStep]) -> None:
    exercise = bce_exercise(make_exercise)
    other_eps = BCE_SOLUTION.replace("1e-15", "1e-7")
    verdict = evaluator.check(exercise, other_eps)
    assert verdict.passed, verdict.messages
    assert verdict.cases[1].expected.startswith("any finite result (the reference's: ")
    # the same epsilon would fail an ordinary value case
    value_case = exercise.model_copy(update={"cases": [
        exercise.cases[0].model_copy(update={"args": "np.array([1., 0.]), np.array([0., 1.])"})]})
    assert not evaluator.check(value_case, other_eps).passed


def test_a_finite_case_fails_without_clipping(evaluator: Evaluator,
                                              make_exercise: Callable[..., ExerciseStep]) -> None:
    unclipped = code("""
        import numpy as np

        def bce(y_true, y_pred):
            return float(-np.mean(y_true * np.log(y_pred) + (1 - y_true) * np.log(1 - y_pred)))
    """)
    verdict = evaluator.check(bce_exercise(make_exercise), unclipped)
    assert verdict.status == "failed" and verdict.failing is not None
    assert verdict.failing.name == "confidently wrong"
    assert "where the expected result is finite" in verdict.messages[0]
    assert "Clip the predictions before taking the log." in verdict.messages


def test_a_finite_case_still_checks_the_shape(evaluator: Evaluator,
                                              make_exercise: Callable[..., ExerciseStep]) -> None:
    per_element = BCE_SOLUTION.replace("float(-np.mean(", "(-(").replace("))\n", "))\n")
    verdict = evaluator.check(bce_exercise(make_exercise), per_element)
    assert not verdict.passed and "wrong shape" in verdict.messages[0]


GRADIENT_SOLUTION = """
import numpy as np

def numerical_gradient(f, w, h=1e-5):
    grad = np.zeros_like(w, dtype=float)
    for i in np.ndindex(w.shape):
        step = np.zeros_like(w, dtype=float)
        step[i] = h
        grad[i] = (f(w + step) - f(w - step)) / (2 * h)
    return grad
"""
IN_PLACE = """
import numpy as np

def numerical_gradient(f, {name}, h=1e-5):
    grad = np.zeros_like({name}, dtype=float)
    for i in np.ndindex({name}.shape):
        {name}[i] += h
        up = f({name})
        {name}[i] -= 2 * h
        down = f({name})
        grad[i] = (up - down) / (2 * h)
    return grad
"""
RESTORED = IN_PLACE.replace("        {name}[i] += h\n", "        old = {name}[i]\n"
                            "        {name}[i] = old + h\n").replace(
    "        grad[i] =", "        {name}[i] = old\n        grad[i] =")
DRIFTS = IN_PLACE.replace("        grad[i] =", "        {name}[i] += h\n        grad[i] =")
GRADIENT_GENERATOR = """
import numpy as np

def generate(rng, size):
    return (lambda w: float(np.sum(w ** 3))), rng.normal(size=(size, 2))
"""


def gradient_exercise(make_exercise: Callable[..., ExerciseStep], **fields: Any) -> ExerciseStep:
    base: dict[str, Any] = {
        "id": "calculus/numerical-gradient", "function": "numerical_gradient",
        "solution": GRADIENT_SOLUTION, "inputs_unchanged": True,
        "starter": "def numerical_gradient(f, w, h=1e-5):\n    return None\n",
        "cases": [{"args": "lambda w: float(np.sum(w ** 3)), np.array([1., 2., 3.])"}],
        "random": [{"generator": GRADIENT_GENERATOR, "count": 4, "seed": 2, "sizes": [1, 4]}],
    }
    base.update(fields)
    return make_exercise(**base)


@pytest.mark.parametrize("name", ["w", "params"])
def test_changing_an_input_in_place_names_the_learners_parameter(
        evaluator: Evaluator, make_exercise: Callable[..., ExerciseStep], name: str) -> None:
    verdict = evaluator.check(gradient_exercise(make_exercise), IN_PLACE.format(name=name))
    assert verdict.status == "failed"
    assert verdict.messages[0].endswith(
        f"your function changed its input {name} in place; work on a copy ({name}.copy())")


def test_restoring_the_input_passes(evaluator: Evaluator,
                                    make_exercise: Callable[..., ExerciseStep]) -> None:
    verdict = evaluator.check(gradient_exercise(make_exercise), RESTORED.format(name="w"))
    assert verdict.passed, verdict.messages


def test_restoring_by_arithmetic_passes(
        evaluator: Evaluator, make_exercise: Callable[..., ExerciseStep]) -> None:
    # w + h - 2h + h may differ from w in the last bits: that is a correct restore
    verdict = evaluator.check(gradient_exercise(make_exercise), DRIFTS.format(name="w"))
    assert verdict.passed, verdict.messages


def test_changes_in_place_are_not_graded_unless_the_contract_says_so(
        evaluator: Evaluator, make_exercise: Callable[..., ExerciseStep]) -> None:
    exercise = gradient_exercise(make_exercise, inputs_unchanged=False)
    assert evaluator.check(exercise, IN_PLACE.format(name="w")).passed


def test_an_in_place_mistake_is_recognised(evaluator: Evaluator,
                                           make_exercise: Callable[..., ExerciseStep]) -> None:
    exercise = gradient_exercise(make_exercise, mistakes=[
        {"name": "restores-w", "code": RESTORED.format(name="w"),
         "message": "never matches: it restores w"},
        {"name": "changes-w", "code": IN_PLACE.format(name="w"),
         "message": "Put w[i] back after each coordinate."}])
    verdict = evaluator.check(exercise, IN_PLACE.format(name="theta"))
    assert verdict.mistake == "changes-w"
    assert "Put w[i] back after each coordinate." in verdict.messages


def test_forbidden_advice_is_appended() -> None:
    tree = sourcetree.parse("import numpy as np\ndef f(A, b):\n    return np.linalg.inv(A) @ b\n")
    assert not isinstance(tree, sourcetree.Violation)
    found = forbidden.check(tree, ["np.linalg.inv"], False,
                         {"np.linalg.inv": "use np.linalg.solve(A, b)\n"})
    assert [v.message for v in found] == [
        "np.linalg.inv is not allowed here: line 3; use np.linalg.solve(A, b)"]
    assert forbidden.check(tree, ["np.linalg.inv"], False)[0].message.endswith("line 3")


def test_forbidden_advice_reaches_the_verdict(evaluator: Evaluator,
                                              make_exercise: Callable[..., ExerciseStep]) -> None:
    exercise = make_exercise(forbidden=["np.dot"], forbidden_advice={"np.dot": "multiply and sum"})
    verdict = evaluator.check(exercise, "import numpy as np\ndef dot(a, b):\n"
                                        "    return np.dot(a, b)\n")
    assert verdict.messages == ["np.dot is not allowed here: line 3; multiply and sum"]


def test_positional_params() -> None:
    tree = sourcetree.parse("def f(a, /, b, *rest, c=1):\n    pass\ndef g():\n    pass\n")
    assert not isinstance(tree, sourcetree.Violation)
    assert sourcetree.positional_params(tree, "f") == ["a", "b"]
    assert sourcetree.positional_params(tree, "h") == []
