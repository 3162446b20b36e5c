"""The validator's check of question families, in the sandbox: each family is drawn
``DRAWS`` times (fixed seeds, so every run sees the same numbers) and every draw must
give a question a learner can answer: every placeholder filled by a drawn name, the
answer computed and finite, a wrong choice or mistake never equal to the right answer,
every filled text shown as written within the column limit. Draws that all give the
same values are reported too: the family would show the same numbers every time."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from tutor.lessons.families import Drawn, FamilyError, is_family
from tutor.lessons.loader import Course, LessonError
from tutor.lessons.model import Lesson, lesson_code, step_questions
from tutor.lessons.questioncheck import concrete_problems
from tutor.lessons.rendercheck import text_problems
from tutor.lessons.shown import question_texts
from tutor.lessons.yamlsource import KeyPath

DRAWS = 8
SEEDS = tuple(range(1000, 1000 + DRAWS))
TIME_LIMIT_S = 30.0  # for all the draws of one family


def family_problems(course: Course, lesson: Lesson, evaluator: Any) -> Iterator[LessonError]:
    """Every problem of the lesson's question families, located, each reported once."""
    solution = lesson_code(lesson)
    for i, step in enumerate(lesson.steps):
        for inside, question in step_questions(step):
            if not is_family(question):
                continue
            where: KeyPath = ("steps", i, *inside)
            drawn = evaluator.draw(question, solution, SEEDS, time_limit=TIME_LIMIT_S)
            seen: set[tuple[KeyPath, int | None, str | None]] = set()
            for key, line, values, message in _problems(drawn, where):
                place = (key, line, message if values is None else None)
                if place in seen:
                    continue  # one report per place, with the first draw that shows it
                seen.add(place)
                shown = message if values is None else f"drawn with {values}: {message}"
                yield course.error_at(lesson.id, key, shown, text_line=line)


def _problems(drawn: list[Drawn | FamilyError],
              where: KeyPath) -> Iterator[tuple[KeyPath, int | None, str | None, str]]:
    """(key, line in its text, the drawn values it happens with, what is wrong)."""
    good = [d for d in drawn if isinstance(d, Drawn)]
    for result in drawn:
        if isinstance(result, FamilyError):
            yield (*where, *result.where), result.line, None, result.message
            return  # one failing draw says enough; the others mostly repeat it
    for d in good:
        values = _cut(", ".join(f"{k} = {v!r}" for k, v in d.params.items()))
        for key, text, shown in question_texts(d.question, where):
            for problem in text_problems(text, shown):
                yield key, problem.line, values, problem.message
        for key, message in concrete_problems(d.question, where):
            yield key, None, values, message
    if len(good) > 1 and all(d.params == good[0].params for d in good):
        yield (*where, "params"), None, None, (
            f"draw(rng) gave the same values for all {len(good)} seeds: draw them from rng "
            "so that every attempt gets new numbers")


def _cut(text: str, limit: int = 120) -> str:
    return text if len(text) <= limit else text[:limit - 3] + "..."
