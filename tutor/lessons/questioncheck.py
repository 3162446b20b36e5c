"""Checks of every question that need no sandbox (nothing is run): a formula answer is
finite on its intervals, every listed mistake is wrong and is reported with its own
message, a family's placeholders are well formed. A family's draws are checked in the
sandbox by ``tutor.authoring.familycheck``, which runs :func:`concrete_problems` on
each. What the models check at load time (formulas read, shapes of non-negative
integers, choice indices, numeric mistakes outside the tolerance) is not repeated."""

from __future__ import annotations

from collections.abc import Iterator

from tutor.lessons.families import FamilyError, family_texts, is_family, placeholders
from tutor.lessons.formula import FormulaError
from tutor.lessons.model import (
    AnyQuestion,
    ExpressionQuestion,
    Lesson,
    NumericQuestion,
    step_questions,
)
from tutor.lessons.yamlsource import KeyPath

SEED = 20  # the validator samples the same points on every run


def question_problems(lesson: Lesson) -> list[tuple[KeyPath, int | None, str]]:
    """(key path, 0-based line in that text or None, message) for every problem in the
    lesson's questions."""
    problems: list[tuple[KeyPath, int | None, str]] = []
    for i, step in enumerate(lesson.steps):
        for inside, q in step_questions(step):
            where: KeyPath = ("steps", i, *inside)
            if is_family(q):
                problems.extend(_placeholder_problems(q, where))
            else:
                problems.extend((key, None, message)
                                for key, message in concrete_problems(q, where))
    return problems


def concrete_problems(q: AnyQuestion, where: KeyPath) -> list[tuple[KeyPath, str]]:
    """Problems of one question with its answers known (not a family's template)."""
    if isinstance(q, ExpressionQuestion):
        return list(_expression_problems(q, where))
    if isinstance(q, NumericQuestion):
        return list(_numeric_problems(q, where))
    return []


def _placeholder_problems(q: AnyQuestion,
                          where: KeyPath) -> Iterator[tuple[KeyPath, int | None, str]]:
    for key, text in family_texts(q):
        try:
            placeholders(text)
        except FamilyError as exc:
            yield (*where, *key), exc.line, exc.message


def _numeric_problems(q: NumericQuestion, where: KeyPath) -> Iterator[tuple[KeyPath, str]]:
    for j, mistake in enumerate(q.mistakes):
        for k, earlier in enumerate(q.mistakes[:j]):
            if mistake.answer is None or earlier.answer is None:
                continue
            if abs(mistake.answer - earlier.answer) <= q.tolerance:
                yield (*where, "mistakes", j, "answer"), (
                    f"mistake {mistake.answer:g} is within the tolerance of mistake {k} "
                    f"({earlier.answer:g}), so its message is never shown")


def _expression_problems(q: ExpressionQuestion,
                         where: KeyPath) -> Iterator[tuple[KeyPath, str]]:
    import numpy as np

    from tutor.lessons.answers import read_formula
    from tutor.lessons.formula.judge import (
        DRAW,
        MAX_DRAWS,
        MIN_POINTS,
        ListedMistake,
        judge,
        sample_points,
    )

    names = tuple(q.variables)
    trees = {}
    for key, text in [(("answer",), q.answer)] + [
            (("mistakes", j, "answer"), m.answer) for j, m in enumerate(q.mistakes)]:
        try:
            trees[key] = read_formula(text, names)
        except FormulaError as exc:
            yield (*where, *key), f"{text!r} cannot be used: {exc.reason}"
    if ("answer",) not in trees:
        return
    points = sample_points(trees[("answer",)], q.variables, np.random.default_rng(SEED))
    if points.size == 0:
        yield (*where, "answer"), ("the answer has no finite value anywhere on the variables' "
                                   "intervals: change the intervals or the answer")
        return
    if points.size < MIN_POINTS:
        yield (*where, "variables"), (
            f"the answer is finite at only {points.size} of {DRAW * MAX_DRAWS} sample points: "
            "narrow the intervals to where it is defined")
        return
    listed = [ListedMistake(trees[("mistakes", j, "answer")], m.answer, m.message)
              for j, m in enumerate(q.mistakes) if ("mistakes", j, "answer") in trees]
    for j, mistake in enumerate(q.mistakes):
        key = ("mistakes", j, "answer")
        if key not in trees:
            continue
        verdict = judge(trees[("answer",)], trees[key], q.variables, points, listed, q.rtol)
        if verdict.correct:
            yield (*where, *key), (f"mistake {mistake.answer!r} equals the answer at every "
                                   "sample point: a learner typing it is right")
        elif verdict.mistake != mistake.answer:
            yield (*where, *key), (f"mistake {mistake.answer!r} is reported with the message "
                                   f"of mistake {verdict.mistake!r} (they agree at every "
                                   "sample point): remove one")
