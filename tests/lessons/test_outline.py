"""A lesson's outline: the steps' kinds and the ids progress records, as plain data that
the parsed-course cache keeps (and reads back only when it has the right shape)."""

from __future__ import annotations

import typing

import pytest

from tutor.lessons.model import Lesson, Step, question_id
from tutor.lessons.outline import KINDS, LessonOutline, StepOutline

LESSON = {
    "id": "probability/bayes", "title": "Bayes", "pillar": "probability", "order": 1,
    "summary": "s",
    "steps": [
        {"kind": "text", "body": "intro"},
        {"kind": "question", "question": {"type": "numeric", "id": "prior", "prompt": "?",
                                          "answer": 0.5}},
        {"kind": "exercise", "id": "probability/posterior", "title": "posterior",
         "prompt": "Write it.", "function": "f", "starter": "def f(x):\n    return 0\n",
         "solution": "def f(x):\n    return x\n", "cases": [{"args": "1"}]},
        {"kind": "checkpoint", "id": "bayes-check", "title": "Check",
         "questions": [{"type": "numeric", "id": "q1", "prompt": "?", "answer": 1.0},
                       {"type": "numeric", "id": "q2", "prompt": "?", "answer": 2.0}]},
    ],
}


def test_the_kinds_are_the_models_step_kinds() -> None:
    (union, *_) = typing.get_args(Step)
    kinds = {typing.get_args(model.model_fields["kind"].annotation)[0]
             for model in typing.get_args(union)}
    assert kinds == set(KINDS)


def test_a_lessons_outline_names_steps_as_progress_records_them() -> None:
    lesson = Lesson.model_validate(LESSON)
    outline = lesson.outline
    assert outline.steps == (
        StepOutline("text"),
        StepOutline("question", question_id(lesson, lesson.steps[1].question)),
        StepOutline("exercise", "probability/posterior"),
        StepOutline("checkpoint", "bayes-check",
                    ("probability/bayes/q1", "probability/bayes/q2")),
    )
    assert outline.exercises == [ex.id for ex in lesson.exercises]
    assert outline.questions == ["probability/bayes/prior"]
    assert [cp.id for cp in outline.checkpoints] == [cp.id for cp in lesson.checkpoints]


def test_an_outline_comes_back_from_json() -> None:
    outline = Lesson.model_validate(LESSON).outline
    assert LessonOutline.from_json(outline.to_json()) == outline


@pytest.mark.parametrize("data", [
    "not a list", [["essay", None, []]], [["text", "an-id", []]], [["exercise", None, []]],
    [["question", "a/b/c", ["a/b/q"]]], [["checkpoint", "c", [1]]], [["text", None]],
    [["exercise", 3, []]],
])
def test_an_outline_of_the_wrong_shape_is_refused(data: object) -> None:
    assert LessonOutline.from_json(data) is None
