"""Formula questions are judged by evaluating answer and response at random points;
every wrong response gets the author's message for it or a generic reason."""

from __future__ import annotations

import numpy as np
import pytest

from tutor.lessons.answers import answer_text, check_answer, read_back
from tutor.lessons.model import ExpressionQuestion

SIGMOID_SLOPE = ExpressionQuestion(
    type="expression", id="sigmoid-slope", prompt="σ′(z)?", variables={"z": (-6, 6)},
    answer="sigmoid(z) * (1 - sigmoid(z))",
    mistakes=[{"answer": "sigmoid(z) * (1 + sigmoid(z))", "message": "Check the sign."}])
SURPRISE = ExpressionQuestion(
    type="expression", id="surprise", prompt="I(p)?", variables={"p": (0.01, 1)},
    answer="-log2(p)")


@pytest.mark.parametrize("typed", [
    "sigmoid(z)*(1-sigmoid(z))",
    "σ(z)(1−σ(z))",
    "exp(-z)/(1+exp(-z))^2",
    "1/(1+exp(-z)) - 1/(1+exp(-z))^2",
    "σ(z) − σ(z)²",
    "np.exp(-z) / (1 + np.exp(-z))**2",
])
def test_equivalent_forms_are_right(typed: str) -> None:
    result = check_answer(SIGMOID_SLOPE, typed)
    assert result.valid and result.correct, result.message
    assert result.message == "Correct."


@pytest.mark.parametrize("typed", [
    "-np.log2(p)", "log2(1/p)", "-log(p)/log(2)", "-ln(p)/ln(2)", "log₂(1/p)", "−log₂ p",
    "-1*np.log2(p)", "-numpy.log2(p)", "np.log2(1/p)", "-np.log(p)/np.log(2)",
])
def test_every_spelling_of_the_surprise_is_right(typed: str) -> None:
    assert check_answer(SURPRISE, typed).correct


def test_a_listed_mistake_gets_its_message() -> None:
    result = check_answer(SIGMOID_SLOPE, "σ(z)(1 + σ(z))")
    assert not result.correct and result.valid
    assert result.message == "Check the sign."
    assert result.mistake == "sigmoid(z) * (1 + sigmoid(z))"
    assert result.read_as == "σ(z)·(1 + σ(z))"
    assert result.answer == "σ(z)·(1 + σ(z))"  # what progress records


@pytest.mark.parametrize(("typed", "says", "name"), [
    ("2σ(z)(1−σ(z))", "factor of 2 too many", "factor"),
    ("σ(z)(1−σ(z))/2", "factor of 2 is missing", "factor"),
    ("-σ(z)(1−σ(z))", "opposite sign", "factor"),
    ("3σ(z)(1−σ(z))", "3 times the answer", "factor"),
    ("z σ(z)(1−σ(z))", "times z", "factor"),
    ("σ(z)(1−σ(z)) + 1", "plus 1", "offset"),
    ("0.25", "does not depend on z", "missing-variable"),
    ("σ(z)", "the answer is", "differs"),
    ("exp(1000z)", "no finite value at z =", "not-finite"),
])
def test_generic_reasons(typed: str, says: str, name: str) -> None:
    result = check_answer(SIGMOID_SLOPE, typed)
    assert result.valid and not result.correct
    assert says in result.message
    assert result.mistake == name


def test_natural_log_for_log2_is_named() -> None:
    result = check_answer(SURPRISE, "-ln(p)")
    assert "ln 2" in result.message


def test_each_attempt_draws_fresh_points_and_a_seed_repeats_them() -> None:
    messages = {check_answer(SIGMOID_SLOPE, "σ(z)").message for _ in range(5)}
    assert len(messages) > 1  # the point named differs between attempts
    seeded = {check_answer(SIGMOID_SLOPE, "σ(z)", np.random.default_rng(1)).message
              for _ in range(3)}
    assert len(seeded) == 1


def test_unreadable_text_is_not_judged() -> None:
    result = check_answer(SIGMOID_SLOPE, "σ(z)(1 − σ(z)")
    assert not result.valid and result.message.startswith("Can't read that")
    assert result.error_at == len("σ(z)(1 − σ(z)")


def test_read_back_and_answer_text() -> None:
    assert read_back(SIGMOID_SLOPE, "s(z)") == (
        False, "Can't read that (at character 1): `s` is not a name I know. The variables are: "
        "z; the functions: exp, log (or ln), log2, log10, sqrt, abs, sigmoid (or σ), tanh, relu, "
        "softplus, sin, cos, max, min; the constants: pi, e.", 0)
    assert read_back(SIGMOID_SLOPE, "σ(z)(1-σ(z))") == (True, "σ(z)·(1 − σ(z))", None)
    assert read_back(SIGMOID_SLOPE, "  ") is None
    assert answer_text(SIGMOID_SLOPE) == "σ(z)·(1 − σ(z))"
    assert answer_text(SURPRISE) == "−log₂(p)"


def test_a_relative_tolerance_accepts_rounding_but_not_a_different_formula() -> None:
    q = ExpressionQuestion(type="expression", id="q", prompt="?", variables={"x": (1, 2)},
                           answer="x/3")
    assert check_answer(q, "0.333333333333 x").correct
    assert not check_answer(q, "0.333 x").correct
