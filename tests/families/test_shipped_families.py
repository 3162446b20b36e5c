"""Every question family in the shipped course, drawn 20 times in the sandbox: each draw
gives a prompt with every placeholder filled, a finite answer that the answer check
accepts, distinct choices, and mistakes that are wrong and recognised as themselves."""

from __future__ import annotations

import math
from collections import Counter

import pytest

from tutor import paths
from tutor.lessons.answers import answer_text, check_answer
from tutor.lessons.families import Drawn, is_family
from tutor.lessons.loader import load_course
from tutor.lessons.model import (
    PILLARS,
    CheckpointStep,
    ChoiceQuestion,
    NumericQuestion,
    ShapeQuestion,
    lesson_code,
    step_questions,
)
from tutor.lessons.shapes import shape_text

DRAWS = 20
COURSE = load_course(paths.builtin_lessons_dir())
FAMILIES = [(lesson, step, q) for lesson in COURSE.lessons for step in lesson.steps
            for _, q in step_questions(step) if is_family(q)]


def test_every_pillar_and_every_checkpoint_has_families() -> None:
    assert not COURSE.errors
    per_pillar = Counter(lesson.pillar for lesson, _, _ in FAMILIES)
    assert all(per_pillar[p] >= 2 for p in PILLARS), per_pillar
    in_checkpoints = {lesson.pillar for lesson, step, _ in FAMILIES
                      if isinstance(step, CheckpointStep)}
    assert in_checkpoints == set(PILLARS)
    assert {type(q) for _, _, q in FAMILIES} >= {NumericQuestion, ChoiceQuestion,
                                                  ShapeQuestion}


@pytest.mark.parametrize(("lesson", "step", "question"), FAMILIES,
                         ids=[f"{le.id}/{q.id}" for le, _, q in FAMILIES])
def test_twenty_draws_give_answerable_questions(evaluator, lesson, step, question) -> None:
    results = evaluator.draw(question, lesson_code(lesson), range(DRAWS))
    assert all(isinstance(r, Drawn) for r in results), results
    assert len({repr(sorted(r.params.items())) for r in results}) > 1  # new numbers
    for drawn in results:
        q = drawn.question
        assert not is_family(q)
        texts = [q.prompt, *getattr(q, "choices", []), q.explanation or "",
                 *(m.message for m in q.mistakes)]
        assert not any("{" in text or "}" in text for text in texts), texts
        assert check_answer(q, _typed(q)).correct, (q.prompt, _typed(q))
        if isinstance(q, NumericQuestion):
            assert math.isfinite(q.answer)
        if isinstance(q, ChoiceQuestion):
            assert 0 <= q.answer < len(q.choices)
            assert len({c.casefold() for c in q.choices}) == len(q.choices)
            assert q.choices[q.answer] == answer_text(q)
        if isinstance(q, ShapeQuestion):
            assert all(isinstance(d, int) and d >= 0 for d in q.answer)
        for mistake in q.mistakes:
            typed = mistake.answer if isinstance(q, ChoiceQuestion) else (
                shape_text(mistake.answer) if isinstance(q, ShapeQuestion)
                else repr(mistake.answer))
            verdict = check_answer(q, typed)
            assert not verdict.correct and verdict.message.split()[:3] == \
                mistake.message.split()[:3], (q.prompt, typed, verdict)


def _typed(q) -> str | int:
    """The right answer as a learner would give it."""
    if isinstance(q, ChoiceQuestion):
        return q.answer
    if isinstance(q, NumericQuestion):
        return repr(q.answer)
    return answer_text(q)
