"""Typed formulas are read into a tree and written back in Unicode mathematics; what
cannot be read gets a reason and the character it is at."""

from __future__ import annotations

import pytest

from tutor.lessons.formula import FormulaError, parse_formula, render
from tutor.lessons.formula.evaluate import check_constants
from tutor.lessons.formula.lexer import split_suggestion

NAMES = ("z", "p", "x", "y", "w")


def read(text: str) -> str:
    tree = parse_formula(text, NAMES)
    check_constants(tree)
    return render(tree)


@pytest.mark.parametrize(("typed", "shown"), [
    ("sigmoid(z)*(1-sigmoid(z))", "σ(z)·(1 − σ(z))"),
    ("σ(z)(1−σ(z))", "σ(z)·(1 − σ(z))"),
    ("exp(-z)/(1+exp(-z))^2", "exp(−z)/(1 + exp(−z))²"),
    ("exp(-z)/(1+exp(-z))**2", "exp(−z)/(1 + exp(−z))²"),
    ("-np.log2(p)", "−log₂(p)"),
    ("-numpy.log2(p)", "−log₂(p)"),
    ("-math.log(p)/math.log(2)", "−ln(p)/ln(2)"),
    ("log₂ p", "log₂(p)"),
    ("log_2(p)", "log₂(p)"),
    ("log10(x)", "log₁₀(x)"),
    ("2z", "2z"),
    ("2(z + 1)", "2(z + 1)"),
    ("(x + y)(x − y)", "(x + y)·(x − y)"),
    ("x·y × 3", "x·y·3"),
    ("x ÷ y", "x/y"),
    ("-z^2", "−z²"),
    ("(-z)^2", "(−z)²"),
    ("z²", "z²"),
    ("(1 + z)³", "(1 + z)³"),
    ("x⁻¹", "x⁻¹"),
    ("e^-z", "e^(−z)"),
    ("2^3^2", "2^(3²)"),
    ("1/2z", "(1/2)·z"),
    ("1/(2z)", "1/(2z)"),
    ("x - (y - z)", "x − (y − z)"),
    ("x - -y", "x − (−y)"),
    ("|x - y|", "|x − y|"),
    ("|x||y|", "|x|·|y|"),
    ("√2", "√2"),
    ("sqrt(x + 1)", "√(x + 1)"),
    ("max(z, 0)", "max(z, 0)"),
    ("relu(z) + softplus(z) + tanh(z)", "relu(z) + softplus(z) + tanh(z)"),
    ("math.log(x, 2)", "ln(x)/ln(2)"),
    ("pi", "π"),
    ("2π", "2π"),
    (".5x", "0.5x"),
    ("1e-3", "0.001"),
])
def test_formulas_read_back(typed: str, shown: str) -> None:
    assert read(typed) == shown


@pytest.mark.parametrize(("typed", "says", "at"), [
    ("zy", "did you mean z*y?", 0),
    ("2xy + 1", "did you mean x*y?", 1),
    ("sigmoidz", "did you mean sigmoid(z)?", 0),
    ("ln2", "did you mean ln(2)?", 0),
    ("q", "not a name I know", 0),
    ("(z", "never closed", 2),
    ("z)", "no `(`", 1),
    ("exp", "needs something to act on", 3),
    ("exp()", "inside the brackets", 4),
    ("max(z)", "two or more", 0),
    ("2 3", "write * before the number 3", 2),
    ("z +", "ends too early", 3),
    ("np.foo(z)", "after `np.`", 3),
    ("z.real", "not part of a number", 1),
    ("1/0", "has no value", 1),
    ("log(0)", "has no value", 0),
    ("10**10**10", "too large", 2),
])
def test_unreadable_text_says_why_and_where(typed: str, says: str, at: int) -> None:
    with pytest.raises(FormulaError) as caught:
        read(typed)
    assert says in caught.value.message()
    assert caught.value.message().startswith("Can't read that")
    assert caught.value.at == at


def test_a_split_is_only_suggested_from_known_names() -> None:
    assert split_suggestion("wx", NAMES) == "w*x"
    assert split_suggestion("ab", NAMES) is None
    assert split_suggestion("xexp", NAMES) == "x*exp"


def test_a_greek_variable_may_be_typed_by_its_name() -> None:
    tree = parse_formula("w - eta*2w + lambda", ("w", "η", "λ"))
    assert render(tree) == "w − η·2·w + λ"
    with pytest.raises(FormulaError, match="did you mean eta\\*w"):
        parse_formula("etaw", ("w", "η"))
    with pytest.raises(FormulaError, match="`eta` is not a name I know"):
        parse_formula("eta", ("w",))


def test_loading_the_course_imports_no_numpy() -> None:
    """Formulas are read at load time without numpy, so the app starts without it."""
    import subprocess
    import sys

    script = ("import sys, tutor.app.app\n"
              "from tutor import paths\n"
              "from tutor.lessons.loader import load_course\n"
              "course = load_course(paths.lessons_dir(None))\n"
              "assert course.lessons and not course.errors\n"
              "print('numpy' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "False"
