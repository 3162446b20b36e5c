"""Pure helpers: stray-LaTeX clean-up and answer checking."""

from __future__ import annotations

import pytest

from tutor.lessons.answers import check_answer, normalize, parse_number
from tutor.lessons.mathtext import convert_math
from tutor.lessons.model import ChoiceQuestion, NumericQuestion, ShortQuestion


@pytest.mark.parametrize(("tex", "shown"), [
    (r"\sum_{i=1}^n x_i^2", "∑ᵢ₌₁ⁿ xᵢ²"),
    (r"\|x\|_2", "‖x‖₂"),
    (r"\frac{\partial L}{\partial w}", "∂L/∂w"),
    (r"\frac{1}{\sqrt{n}}", "1/√n"),
    (r"e^{-x}", "e⁻ˣ"),
    (r"\mathbb{R}^n", "ℝⁿ"),
    (r"\mathbf{x}^\top y", "xᵀ y"),
    (r"\alpha \cdot \beta \leq \gamma", "α · β ≤ γ"),
    (r"\left( a \right) \leftarrow b", "( a ) ← b"),
    (r"$\sigma(x)$ costs $5", "σ(x) costs $5"),
    (r"x^{ab}", "x^(ab)"),
    (r"\unknown{x}", r"\unknown{x}"),
])
def test_convert_math(tex: str, shown: str) -> None:
    assert convert_math(tex) == shown


def test_code_and_identifiers_are_left_alone() -> None:
    text = ("Call `np.sum(x**2)` and `x^2`; my_func and layer_1 keep their names.\n"
            "```\na_1 = x^2\n```")
    assert convert_math(text) == text


def test_plain_unicode_text_is_unchanged() -> None:
    text = "σ(z) = 1 / (1 + e⁻ᶻ), and ∂L/∂w = 2x."
    assert convert_math(text) is text


@pytest.mark.parametrize(("typed", "value"), [
    ("0.25", 0.25), ("1/4", 0.25), ("25%", 0.25), ("−2", -2.0), ("0,25", 0.25),
    ("1,000.5", 1000.5), (" 3 ", 3.0), ("abc", None), ("1/0", None), ("inf", None), ("", None),
])
def test_parse_number(typed: str, value: float | None) -> None:
    assert parse_number(typed) == value


def test_numeric_answer_within_tolerance() -> None:
    q = NumericQuestion(type="numeric", id="q", prompt="?", answer=0.5, tolerance=0.01)
    assert check_answer(q, "0.505").correct
    assert not check_answer(q, "0.52").correct
    assert not check_answer(q, "half").valid
    assert not check_answer(q, "  ").valid


def test_short_answer_ignores_case_and_spaces() -> None:
    q = ShortQuestion(type="short", id="q", prompt="?", answers=["(16, 1, 28, 28)"])
    assert normalize(" (16,1, 28,28) ") == "(16,1,28,28)"
    assert check_answer(q, "(16,1,28,28)").correct
    assert not check_answer(q, "(16, 28, 28)").correct


def test_choice_answer() -> None:
    q = ChoiceQuestion(type="choice", id="q", prompt="?", choices=["a", "b"], answer=1)
    assert check_answer(q, 1).correct
    assert not check_answer(q, 0).correct
    assert not check_answer(q, None).valid
    assert not check_answer(q, 7).valid


def test_bullet_lines_become_markdown_list_items_outside_code() -> None:
    from tutor.lessons.display import lesson_markdown

    text = "Pieces:\n\n• prior P(D)\n• likelihood\n  continued\n```\n• kept in code\n```\n"
    assert lesson_markdown(text) == (
        "Pieces:\n\n- prior P(D)\n- likelihood\n  continued\n```\n• kept in code\n```\n")
    assert lesson_markdown(r"\sum_i x_i") == "∑ᵢ xᵢ"


def test_indented_formula_lines_keep_their_breaks_and_alignment() -> None:
    from tutor.lessons.display import lesson_markdown

    text = "Forward:\n\n  Z = X W + b        A = relu(Z)\n  L = mean((P - y)^2)\n\nThen."
    assert lesson_markdown(text) == (
        "Forward:\n\n```text\nZ = X W + b        A = relu(Z)\nL = mean((P - y)²)\n```\n\nThen.")
