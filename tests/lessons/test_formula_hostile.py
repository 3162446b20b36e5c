"""Hostile text typed as a formula: each gets a clear "can't read that", nothing is run,
nothing is written, nothing raises. (Speed is measured in bench/formula_hostile.py.)"""

from __future__ import annotations

import builtins
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import tutor.lessons.formula.judge  # noqa: F401 - imported before exec is refused
from tutor.lessons.answers import AnswerResult, check_answer, read_back
from tutor.lessons.model import ExpressionQuestion

QUESTION = ExpressionQuestion(type="expression", id="q", prompt="?",
                              variables={"z": (-3, 3), "x": (0.5, 2)}, answer="z * x")
HOSTILE = [
    "__import__('os').system('touch pwned')",
    "z.__class__.__mro__",
    "x.real",
    "lambda z: z",
    "(lambda: 1)()",
    "[z for z in range(10)]",
    "{z: 1}",
    "'z'",
    '"z" * 10',
    "9^9^9^9",
    "10**10**10",
    "(" * 10_000 + "z" + ")" * 10_000,
    "-" * 400 + "z",
    "z" + "^z" * 200,
    "z" * 1_000_000,
    "z\x00",
    "z\x1b[31m",
    "\x1b]52;c;aGk=\x07",
    "z; import os",
    "exec('1')",
    "eval('z')",
    "open('/etc/passwd')",
    "z @ x",
    "z if x else 1",
    "exp(exp(exp(exp(1000))))",
]


@pytest.fixture
def no_execution(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """Working in an empty folder, with eval, exec and os.system made to fail."""
    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("learner text reached an executing function")

    for name in ("eval", "exec"):
        monkeypatch.setattr(builtins, name, refuse)
    monkeypatch.setattr(os, "system", refuse)
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize("text", HOSTILE, ids=lambda t: repr(t[:24]))
def test_hostile_text_is_refused_clearly(text: str, no_execution: Path) -> None:
    result = check_answer(QUESTION, text)
    assert not result.valid and not result.correct
    assert result.message.startswith("Can't read that")
    assert len(result.message) < 400
    assert "\x1b" not in result.message and "\x00" not in result.message
    readable, said, _ = read_back(QUESTION, text) or (True, "", None)
    assert not readable and said == result.message
    assert list(no_execution.iterdir()) == []


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80))
def test_any_text_gets_a_verdict_and_never_raises(text: str) -> None:
    result = check_answer(QUESTION, text)
    assert isinstance(result, AnswerResult)
    assert result.message
    assert result.valid or not result.correct


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="zx0123456789.+-*/^()|, σ√²³eπ", max_size=60))
def test_formula_alphabet_soup_gets_a_verdict(text: str) -> None:
    result = check_answer(QUESTION, text)
    assert result.message
    if result.valid:
        assert result.read_as
