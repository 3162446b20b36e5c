"""Checking a learner's answer to a question: plain functions beside the question models,
usable by the app, the CLI and the validator alike (no UI).

Nothing typed is ever executed, so checking runs in the caller's process: formulas are
read into a tree of whitelisted nodes and evaluated with numpy (see
``tutor.lessons.formula``), shapes and numbers are parsed. Every wrong answer gets a
reason: the author's message for a listed mistake, else a generic diagnosis."""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from tutor.lessons.display import reflow
from tutor.lessons.formula import FormulaError, parse_formula, render
from tutor.lessons.formula.render import number_text
from tutor.lessons.model import (
    AnyQuestion,
    ChoiceQuestion,
    ExpressionQuestion,
    NumericQuestion,
    ShapeQuestion,
)
from tutor.lessons.shapes import ShapeError, diagnose_shape, parse_shape, shape_text

if TYPE_CHECKING:
    import numpy as np

    from tutor.lessons.formula.nodes import Node

_FRACTION = re.compile(r"^([-+]?[0-9.]+(?:e[-+]?\d+)?)\s*/\s*([-+]?[0-9.]+(?:e[-+]?\d+)?)$")
MAX_NUMBER_CHARS = 100


@dataclass(frozen=True)
class AnswerResult:
    """The verdict on one answer. ``answer`` is the text recorded in progress (for a
    formula or a shape, how it was read); ``valid`` is False when there is nothing to
    judge yet (no choice, text that cannot be read). ``read_as`` is the answer as read,
    ``mistake`` the listed mistake it matched (its ``answer``) or the name of a generic
    diagnosis, and ``error_at`` the index of the character a reading error is at."""

    correct: bool
    answer: str
    message: str
    valid: bool = True
    read_as: str | None = None
    mistake: str | None = None
    error_at: int | None = None

    def to_json(self) -> dict[str, Any]:
        return {"correct": self.correct, "valid": self.valid, "message": self.message,
                "read_as": self.read_as, "mistake": self.mistake}


def parse_number(text: str) -> float | None:
    """A number typed by a person: ``0.25``, ``-1e-3``, ``1/4``, ``25%``, ``−2`` (Unicode minus)."""
    if len(text) > MAX_NUMBER_CHARS:
        return None
    cleaned = unicodedata.normalize("NFKC", text).replace("−", "-").replace(" ", "").lower()
    # "0,25" is a decimal comma; "1,000.5" has thousands separators
    cleaned = cleaned.replace(",", "" if "." in cleaned else ".")
    scale = 1.0
    if cleaned.endswith("%"):
        cleaned, scale = cleaned[:-1], 0.01
    match = _FRACTION.match(cleaned)
    try:
        value = float(match.group(1)) / float(match.group(2)) if match else float(cleaned)
    except (ValueError, ZeroDivisionError, OverflowError):
        return None
    value *= scale
    return value if math.isfinite(value) else None


def normalize(text: str) -> str:
    """Case, spaces and Unicode width ignored, as short answers are compared."""
    return "".join(unicodedata.normalize("NFKC", text).casefold().split())


@lru_cache(maxsize=512)
def _formula(text: str, names: tuple[str, ...]) -> Node:
    return parse_formula(text, names)


def read_formula(text: str, names: tuple[str, ...]) -> Node:
    """``text`` read as a formula in ``names``, every part without a variable finite.
    Raises FormulaError."""
    from tutor.lessons.formula.evaluate import check_constants

    tree = _formula(text, names)
    check_constants(tree)
    return tree


def read_back(question: AnyQuestion, text: str) -> tuple[bool, str, int | None] | None:
    """How ``text`` is read, as the learner types: (readable, the reading or what is
    wrong, the index of the character at fault). None for questions read as typed."""
    if not text.strip():
        return None
    if isinstance(question, ExpressionQuestion):
        try:
            return True, render(read_formula(text, tuple(question.variables))), None
        except FormulaError as exc:
            return False, exc.message(), exc.at
    if isinstance(question, ShapeQuestion):
        try:
            return True, shape_text(parse_shape(text)), None
        except ShapeError as exc:
            return False, str(exc), None
    if isinstance(question, NumericQuestion):
        value = parse_number(text)
        return (False, _NOT_A_NUMBER, None) if value is None else (True, number_text(value),
                                                                    None)
    return None


_NOT_A_NUMBER = "Can't read that as a number (try 0.25 or 1/4)."


def check_answer(question: AnyQuestion, raw: str | int | None,
                 rng: np.random.Generator | None = None) -> AnswerResult:
    """Judge ``raw`` (a choice index, or the typed text) against ``question``. A formula is
    compared at points drawn from ``rng`` (by default a fresh draw each call). A question
    family is judged on a drawn instance (:mod:`tutor.lessons.families`), not itself."""
    if getattr(question, "params", None) is not None:
        return AnswerResult(False, "", "This question draws its numbers first: answer a "
                            "drawn instance of it.", valid=False)
    if isinstance(question, ChoiceQuestion):
        return _check_choice(question, raw)
    text = "" if raw is None else str(raw)
    if not text.strip():
        return AnswerResult(False, "", "Type an answer first.", valid=False)
    if isinstance(question, NumericQuestion):
        return _check_numeric(question, text)
    if isinstance(question, ShapeQuestion):
        return _check_shape(question, text)
    if isinstance(question, ExpressionQuestion):
        return _check_expression(question, text, rng)
    ok = any(normalize(text) == normalize(a) for a in question.answers)
    return AnswerResult(ok, text.strip(), "Correct." if ok else "Not quite.")


def _check_choice(question: ChoiceQuestion, raw: str | int | None) -> AnswerResult:
    if raw is None or raw == "" or (isinstance(raw, int) and not 0 <= raw < len(question.choices)):
        return AnswerResult(False, "", "Pick one of the choices first.", valid=False)
    index = int(raw)
    read_as = question.choices[index]
    if index == question.answer:
        return AnswerResult(True, str(index), "Correct.", read_as=read_as)
    for mistake in question.mistakes:
        if mistake.answer == index:
            return AnswerResult(False, str(index), reflow(mistake.message), read_as=read_as,
                                mistake=str(index))
    return AnswerResult(False, str(index), "Not quite.", read_as=read_as)


def _check_numeric(question: NumericQuestion, text: str) -> AnswerResult:
    value = parse_number(text)
    if value is None:
        return AnswerResult(False, text.strip()[:MAX_NUMBER_CHARS], _NOT_A_NUMBER, valid=False)
    answer = question.answer
    tolerance = question.tolerance + 1e-12 * abs(answer)
    read_as = number_text(value)

    def near(target: float, scale: float = 1.0) -> bool:
        return abs(value - target) <= tolerance * scale

    if near(answer):
        return AnswerResult(True, text.strip(), "Correct.", read_as=read_as)
    for mistake in question.mistakes:
        if near(mistake.answer):
            return AnswerResult(False, text.strip(), reflow(mistake.message), read_as=read_as,
                                mistake=f"{mistake.answer:g}")
    message, name = _numeric_diagnosis(answer, value, near)
    return AnswerResult(False, text.strip(), message, read_as=read_as, mistake=name)


def _numeric_diagnosis(answer: float, value: float, near: Any) -> tuple[str, str]:
    """A generic reason a number is wrong: (message, diagnosis name)."""
    if answer != 0 and near(answer * 100, 100):
        return ("That is 100 times the answer: give it as a fraction (0.25, not 25), or "
                "type the % sign.", "percent")
    if answer != 0 and near(answer / 100, 0.01):
        return "That is the answer divided by 100: check the units (a percentage?).", "percent"
    if 0 < answer < 1 and near(1 - answer):
        return ("That is 1 minus the answer, the complement: check which event the question "
                "asks about.", "complement")
    if answer != 0 and near(-answer):
        return "The right size with the wrong sign.", "sign"
    if near(answer, 10):
        return "Close, but not within the tolerance: check your rounding.", "rounding"
    side = "larger" if value > answer else "smaller"
    return f"Not quite: your number is {side} than the answer.", "differs"


def _check_shape(question: ShapeQuestion, text: str) -> AnswerResult:
    try:
        got = parse_shape(text)
    except ShapeError as exc:
        return AnswerResult(False, "", str(exc), valid=False)
    read_as = shape_text(got)
    if got == tuple(question.answer):
        return AnswerResult(True, read_as, "Correct.", read_as=read_as)
    for mistake in question.mistakes:
        if got == tuple(mistake.answer):
            return AnswerResult(False, read_as, reflow(mistake.message), read_as=read_as,
                                mistake=shape_text(mistake.answer))
    message, name = diagnose_shape(question.answer, got)
    return AnswerResult(False, read_as, message, read_as=read_as, mistake=name)


def _check_expression(question: ExpressionQuestion, text: str,
                      rng: np.random.Generator | None) -> AnswerResult:
    import numpy as np

    from tutor.lessons.formula.judge import ListedMistake, judge, sample_points

    names = tuple(question.variables)
    try:
        tree = read_formula(text, names)
    except FormulaError as exc:
        return AnswerResult(False, "", exc.message(), valid=False, error_at=exc.at)
    read_as = render(tree)
    answer = _formula(question.answer, names)
    points = sample_points(answer, question.variables, rng or np.random.default_rng())
    if points.size == 0:
        return AnswerResult(False, read_as, "This question cannot be judged: its answer has "
                            "no finite value where it is sampled. Please report it.",
                            valid=False, read_as=read_as)
    mistakes = []
    for mistake in question.mistakes:
        try:  # a mistake that cannot be read is the validator's to report, not the learner's
            mistakes.append(ListedMistake(read_formula(mistake.answer, names), mistake.answer,
                                          reflow(mistake.message)))
        except FormulaError:
            continue
    verdict = judge(answer, tree, question.variables, points, mistakes, question.rtol)
    return AnswerResult(verdict.correct, read_as, verdict.message, read_as=read_as,
                        mistake=verdict.mistake)


def answer_text(question: AnyQuestion) -> str:
    """The right answer, as shown after a wrong one."""
    if isinstance(question, ChoiceQuestion):
        return question.choices[question.answer]
    if isinstance(question, NumericQuestion):
        return f"{question.answer:g}"
    if isinstance(question, ShapeQuestion):
        return shape_text(question.answer)
    if isinstance(question, ExpressionQuestion):
        return render(_formula(question.answer, tuple(question.variables)))
    return question.answers[0]


def pointer(text: str, at: int | None, width: int = 68) -> str | None:
    """Two lines: ``text`` and a caret under the character ``at`` (control characters
    escaped so that they show); None when there is no such character or no room."""
    from tutor.safetext import printable

    if at is None or at > len(text) or "\n" in text:
        return None
    before, shown = printable(text[:at]), printable(text)
    if len(shown) > width:
        return None
    return f"{shown}\n{' ' * len(before)}^"
