"""The trusted side of question families, without a sandbox: placeholders, filling, the
checks of what a draw sent back, and the drawn instance the learner answers."""

from __future__ import annotations

import math

import numpy as np
import pytest

from tutor.lessons.answers import answer_text, check_answer
from tutor.lessons.families import (
    FamilyError,
    check_params,
    fill,
    instantiate,
    placeholders,
    sketch,
)
from tutor.lessons.model import ChoiceQuestion, NumericQuestion, ShapeQuestion

DRAW = "def draw(rng):\n    return {'a': 1}\n"


def numeric(**fields: object) -> NumericQuestion:
    base: dict[str, object] = {"type": "numeric", "id": "q", "params": DRAW,
                               "prompt": "Twice {a}?", "compute": "2 * a"}
    return NumericQuestion.model_validate({**base, **fields})


def test_placeholders_with_formats_escapes_and_lines() -> None:
    found = placeholders("p = {p:.0%}, {{not}} one\nand {n} again {n:d}")
    assert [(p.name, p.spec, p.line) for p in found] == [("p", ".0%", 0), ("n", "", 1),
                                                         ("n", "d", 1)]
    assert fill("p = {p:.0%}, {{x}}; x = {x}; n = {n}", {"p": 0.05, "x": [1, 2.5], "n": 3}) \
        == "p = 5%, {x}; x = [1, 2.5]; n = 3"
    assert fill("{a}", {"a": 0.1 + 0.2}) == "0.3"  # as a person writes it
    assert sketch("Shape ({n}, {d:.1f}) {{b}}") == "Shape (n, d) {b}"


def test_an_unknown_placeholder_names_the_drawn_ones_and_its_line() -> None:
    with pytest.raises(FamilyError) as caught:
        fill("first line\nsecond {b}", {"a": 1, "c": 2}, ("prompt",))
    assert caught.value.message == "unknown placeholder {b}: draw(rng) returns a, c"
    assert caught.value.where == ("prompt",) and caught.value.line == 1


@pytest.mark.parametrize(("raw", "why"), [
    ({"a": math.inf}, "finite"),
    ({"a": np.float64("nan")}, "finite"),
    ({"a": 10**20}, "too large"),
    ({"a": [1, "x"]}, "a list of finite numbers"),
    ({"a": "two\nlines"}, "printable text"),
    ({"a b": 1}, "keys must be names"),
    ({f"k{i}": i for i in range(21)}, "at most 20"),
    ({}, "empty dict"),
    ("text", "must return a dict"),
])
def test_what_draw_returns_must_be_plain_data(raw: object, why: str) -> None:
    with pytest.raises(FamilyError, match=why):
        check_params(raw)


def test_numpy_values_become_plain_numbers() -> None:
    params = check_params({"n": np.int64(3), "p": np.float32(0.5), "x": np.arange(3),
                           "ok": np.bool_(True)})
    assert params == {"n": 3, "p": 0.5, "x": [0, 1, 2], "ok": True}
    assert type(params["n"]) is int and type(params["p"]) is float


def test_the_instance_has_the_texts_filled_and_the_computed_answers() -> None:
    q = numeric(mistakes=[{"compute": "a", "message": "That is {a} itself, not {answer}."}],
                explanation="2 · {a} = {answer}.")
    drawn = instantiate(q, {"a": 21}, [42, 21], seed=7)
    concrete = drawn.question
    assert (concrete.prompt, concrete.answer, concrete.params) == ("Twice 21?", 42, None)
    assert concrete.explanation == "2 · 21 = 42."
    assert concrete.mistakes[0].answer == 21
    assert concrete.mistakes[0].message == "That is 21 itself, not 42."
    assert drawn.seed == 7 and drawn.params == {"a": 21}
    assert check_answer(concrete, "42").correct
    wrong = check_answer(concrete, "21")
    assert not wrong.correct and wrong.message == "That is 21 itself, not 42."
    # the template itself is never judged: it has no answer until it is drawn
    undrawn = check_answer(q, "42")
    assert not undrawn.valid and "draws its numbers first" in undrawn.message


def test_computed_answers_of_the_wrong_kind_are_refused_and_located() -> None:
    q = numeric(mistakes=[{"compute": "a", "message": "m"}])
    with pytest.raises(FamilyError) as caught:
        instantiate(q, {"a": 1}, ["two", 1], seed=0)
    assert caught.value.where == ("compute",) and "must give a number" in caught.value.message
    with pytest.raises(FamilyError) as caught:
        instantiate(q, {"a": 1}, [2, math.nan], seed=0)
    assert caught.value.where == ("mistakes", 0, "compute")
    shape = ShapeQuestion(type="shape", id="s", prompt="({n}, 3).T?", params=DRAW,
                          compute="[3, n]")
    assert instantiate(shape, {"n": 5}, [np.array([3, 5])], 0).question.answer == [3, 5]
    assert answer_text(instantiate(shape, {"n": 5}, [(3, 5)], 0).question) == "(3, 5)"
    for bad in ([3, -1], [3.5], "3, 5", [1] * 9):
        with pytest.raises(FamilyError, match="must give a shape"):
            instantiate(shape, {"n": 5}, [bad], 0)


def test_a_choice_family_computes_its_index_and_keeps_its_choices_apart() -> None:
    q = ChoiceQuestion(type="choice", id="c", prompt="Larger?", params=DRAW,
                       choices=["{a}", "{b}", "equal"], compute="0 if a > b else 1",
                       mistakes=[{"answer": 2, "message": "They differ."}],
                       explanation="{answer} is larger.")
    drawn = instantiate(q, {"a": 3, "b": 7}, [1], 0).question
    assert drawn.choices == ["3", "7", "equal"] and drawn.answer == 1
    assert drawn.explanation == "7 is larger."
    with pytest.raises(FamilyError, match="choices 0 and 1 both read '4'"):
        instantiate(q, {"a": 4, "b": 4}, [1], 0)
    with pytest.raises(FamilyError, match="index of a choice"):
        instantiate(q, {"a": 4, "b": 5}, [3], 0)
    with pytest.raises(FamilyError, match="must be the index of a wrong choice"):
        instantiate(q, {"a": 4, "b": 5}, [2], 0)
