"""Shapes are read in every usual spelling; numeric and choice questions name the
mistake a wrong answer looks like."""

from __future__ import annotations

import pytest

from tutor.lessons.answers import check_answer
from tutor.lessons.model import ChoiceQuestion, NumericQuestion, ShapeQuestion

TWO_D = ShapeQuestion(type="shape", id="q", prompt="?", answer=[64, 10],
                      mistakes=[{"answer": [32, 10], "message": "That is the output's shape."}])
ONE_D = ShapeQuestion(type="shape", id="q", prompt="?", answer=[32])
SCALAR = ShapeQuestion(type="shape", id="q", prompt="?", answer=[])


@pytest.mark.parametrize("typed", ["(64, 10)", "(64,10)", "[64, 10]", "64x10", "64×10",
                                   "64 by 10", "64, 10", " ( 64 , 10 ) ", "64 X 10"])
def test_every_spelling_of_a_2d_shape(typed: str) -> None:
    result = check_answer(TWO_D, typed)
    assert result.correct and result.read_as == "(64, 10)"


@pytest.mark.parametrize("typed", ["(32,)", "(32)", "32", "[32]", "(32, )"])
def test_every_spelling_of_a_1d_shape(typed: str) -> None:
    result = check_answer(ONE_D, typed)
    assert result.correct and result.read_as == "(32,)"


@pytest.mark.parametrize("typed", ["()", "scalar"])
def test_a_scalar_shape(typed: str) -> None:
    assert check_answer(SCALAR, typed).correct


@pytest.mark.parametrize(("question", "typed", "says", "name"), [
    (TWO_D, "(10, 64)", "transpose", "transpose"),
    (TWO_D, "(64, 10, 1)", "One axis too many", "extra-axis"),
    (TWO_D, "(64,)", "One axis too few", "missing-axis"),
    (ONE_D, "(32, 1)", "One axis too many", "extra-axis"),
    (TWO_D, "(32, 10)", "That is the output's shape.", "(32, 10)"),
    (TWO_D, "(64, 11)", "not the right sizes", "sizes"),
    (ShapeQuestion(type="shape", id="q", prompt="?", answer=[8, 16, 4]), "(4, 8, 16)",
     "wrong places", "reordered"),
])
def test_wrong_shapes_get_a_reason(question: ShapeQuestion, typed: str, says: str,
                                   name: str) -> None:
    result = check_answer(question, typed)
    assert result.valid and not result.correct
    assert says in result.message and result.mistake == name


@pytest.mark.parametrize("typed", ["(64, 10", "64 10 cats", "(a, b)", "(-1, 10)", "1" * 300])
def test_unreadable_shapes(typed: str) -> None:
    result = check_answer(TWO_D, typed)
    assert not result.valid and result.message.startswith("Can't read that")


def test_shape_models_refuse_bad_answers() -> None:
    with pytest.raises(ValueError):
        ShapeQuestion(type="shape", id="q", prompt="?", answer=[-1])
    with pytest.raises(ValueError):
        ShapeQuestion(type="shape", id="q", prompt="?", answer=[2.5])
    with pytest.raises(ValueError, match="the answer itself"):
        ShapeQuestion(type="shape", id="q", prompt="?", answer=[2],
                      mistakes=[{"answer": [2], "message": "m"}])


POSTERIOR = NumericQuestion(type="numeric", id="q", prompt="?", answer=0.167, tolerance=0.001,
                            mistakes=[{"answer": 0.99, "message": "That is the sensitivity."}])


@pytest.mark.parametrize(("typed", "says", "name"), [
    ("0.99", "That is the sensitivity.", "0.99"),
    ("16.7", "100 times the answer", "percent"),
    ("0.833", "complement", "complement"),
    ("-0.167", "wrong sign", "sign"),
    ("0.175", "rounding", "rounding"),
    ("0.5", "larger than the answer", "differs"),
])
def test_numeric_mistakes(typed: str, says: str, name: str) -> None:
    result = check_answer(POSTERIOR, typed)
    assert result.valid and not result.correct
    assert says in result.message and result.mistake == name


def test_a_numeric_mistake_inside_the_tolerance_is_refused() -> None:
    with pytest.raises(ValueError, match="within the tolerance"):
        NumericQuestion(type="numeric", id="q", prompt="?", answer=0.5, tolerance=0.01,
                        mistakes=[{"answer": 0.505, "message": "m"}])


def test_choice_mistakes() -> None:
    q = ChoiceQuestion(type="choice", id="q", prompt="?", choices=["a", "b", "c"], answer=1,
                       mistakes=[{"answer": 2, "message": "c is tempting because..."}])
    assert check_answer(q, 2).message == "c is tempting because..."
    assert check_answer(q, 2).mistake == "2"
    assert check_answer(q, 0).message == "Not quite."
    assert check_answer(q, 1).correct
    with pytest.raises(ValueError, match="wrong choice"):
        ChoiceQuestion(type="choice", id="q", prompt="?", choices=["a", "b"], answer=1,
                       mistakes=[{"answer": 1, "message": "m"}])
