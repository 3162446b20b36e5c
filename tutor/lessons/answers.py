"""Checking a learner's answer to a question: plain functions beside the question models,
usable by the app, the CLI and the validator alike (no UI)."""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass

from tutor.lessons.model import AnyQuestion, ChoiceQuestion, NumericQuestion

_FRACTION = re.compile(r"^([-+]?[0-9.]+(?:e[-+]?\d+)?)\s*/\s*([-+]?[0-9.]+(?:e[-+]?\d+)?)$")


@dataclass(frozen=True)
class AnswerResult:
    """The verdict on one answer. ``answer`` is the text recorded in progress;
    ``valid`` is False when there is nothing to judge yet (no choice, not a number)."""

    correct: bool
    answer: str
    message: str
    valid: bool = True


def parse_number(text: str) -> float | None:
    """A number typed by a person: ``0.25``, ``-1e-3``, ``1/4``, ``25%``, ``−2`` (Unicode minus)."""
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


def check_answer(question: AnyQuestion, raw: str | int | None) -> AnswerResult:
    """Judge ``raw`` (a choice index, or the typed text) against ``question``."""
    if isinstance(question, ChoiceQuestion):
        return _check_choice(question, raw)
    text = "" if raw is None else str(raw)
    if not text.strip():
        return AnswerResult(False, "", "Type an answer first.", valid=False)
    if isinstance(question, NumericQuestion):
        value = parse_number(text)
        if value is None:
            message = "That is not a number I can read (try 0.25 or 1/4)."
            return AnswerResult(False, text, message, valid=False)
        ok = abs(value - question.answer) <= question.tolerance + 1e-12 * abs(question.answer)
        return AnswerResult(ok, text.strip(), "Correct." if ok else "Not quite.")
    ok = any(normalize(text) == normalize(a) for a in question.answers)
    return AnswerResult(ok, text.strip(), "Correct." if ok else "Not quite.")


def _check_choice(question: ChoiceQuestion, raw: str | int | None) -> AnswerResult:
    if raw is None or raw == "" or (isinstance(raw, int) and not 0 <= raw < len(question.choices)):
        return AnswerResult(False, "", "Pick one of the choices first.", valid=False)
    index = int(raw)
    ok = index == question.answer
    return AnswerResult(ok, str(index), "Correct." if ok else "Not quite.")


def answer_text(question: AnyQuestion) -> str:
    """The right answer, as shown after a wrong one."""
    if isinstance(question, ChoiceQuestion):
        return question.choices[question.answer]
    if isinstance(question, NumericQuestion):
        return f"{question.answer:g}"
    return question.answers[0]
