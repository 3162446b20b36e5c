"""Which texts of a lesson a learner sees, each with its key path and how the app shows
it: the fields the rendering check (:mod:`tutor.lessons.rendercheck`) reads.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from tutor.lessons.model import AnyQuestion, ExerciseStep, Lesson, ShortQuestion, step_questions
from tutor.lessons.yamlsource import KeyPath

# markdown: Markdown prose (lesson_markdown). plain: reflowed grader text, shown as written.
# line: one line with the math converted (choices, answers). raw: one line as written.
Shown = Literal["markdown", "plain", "line", "raw"]


def shown_texts(lesson: Lesson) -> Iterator[tuple[KeyPath, str, Shown]]:
    """Every text of a lesson a learner can see, with its key path and how it is shown."""
    yield ("title",), lesson.title, "raw"
    yield ("summary",), lesson.summary, "plain"
    for j, point in enumerate(lesson.key_points):
        yield ("key_points", j), point, "markdown"
    for i, step in enumerate(lesson.steps):
        here: KeyPath = ("steps", i)
        title = getattr(step, "title", None)
        if title:
            yield (*here, "title"), title, "raw"
        if step.kind == "text":
            yield (*here, "body"), step.body, "markdown"
        elif step.kind == "plot" and step.caption:
            yield (*here, "caption"), step.caption, "markdown"
        elif isinstance(step, ExerciseStep):
            yield from _exercise_texts(step, here)
        for inside, q in step_questions(step):
            yield from question_texts(q, (*here, *inside))


def question_texts(q: AnyQuestion, where: KeyPath) -> Iterator[tuple[KeyPath, str, Shown]]:
    """Every text of one question a learner can see (for a family, the texts of a drawn
    instance are checked with this too)."""
    yield (*where, "prompt"), q.prompt, "markdown"
    if q.explanation:
        yield (*where, "explanation"), q.explanation, "markdown"
    for j, choice in enumerate(getattr(q, "choices", [])):
        yield (*where, "choices", j), choice, "line"
    if isinstance(q, ShortQuestion):
        yield (*where, "answers", 0), q.answers[0], "line"
    for j, mistake in enumerate(getattr(q, "mistakes", [])):
        yield (*where, "mistakes", j, "message"), mistake.message, "plain"


def _exercise_texts(ex: ExerciseStep, here: KeyPath) -> Iterator[tuple[KeyPath, str, Shown]]:
    yield (*here, "prompt"), ex.prompt, "markdown"
    for j, hint in enumerate(ex.hints):
        yield (*here, "hints", j), hint, "markdown"
    for j, mistake in enumerate(ex.mistakes):
        yield (*here, "mistakes", j, "message"), mistake.message, "plain"
    for j, case in enumerate(ex.cases):
        if case.name:
            yield (*here, "cases", j, "name"), case.name, "raw"
        if case.note:
            yield (*here, "cases", j, "note"), case.note, "plain"
    for j, block in enumerate(ex.random):
        if block.name:
            yield (*here, "random", j, "name"), block.name, "raw"
        if block.note:
            yield (*here, "random", j, "note"), block.note, "plain"
    for call, advice in ex.forbidden_advice.items():
        yield (*here, "forbidden_advice", call), advice, "plain"
    if ex.plot and ex.plot.title:
        yield (*here, "plot", "title"), ex.plot.title, "raw"
