"""A lesson's outline: its steps' kinds and the ids progress is recorded under, as plain
data (no pydantic).

Mastery and "continue" (``tutor.progress.mastery``) are computed on outlines only, so
they need no lesson models: a model gives its outline (``Lesson.outline``), and the
parsed-course cache's index keeps one per lesson for what must start fast (the app's
lesson list with its marks).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from tutor import cachefile

KINDS = ("text", "exercise", "question", "checkpoint", "plot")


def question_key(lesson_id: str, question_id: str) -> str:
    """The id progress records use for a question: ``pillar/lesson-slug/question``."""
    return f"{lesson_id}/{question_id}"


@dataclass(frozen=True)
class StepOutline:
    """One step: its kind, and the id records use for it (an exercise's id, a question's
    :func:`question_key`, a checkpoint's id; None for text and plot steps), with a
    checkpoint's questions (their keys)."""

    kind: str
    id: str | None = None
    questions: tuple[str, ...] = ()


@dataclass(frozen=True)
class LessonOutline:
    """A lesson's steps in order."""

    steps: tuple[StepOutline, ...]

    @property
    def exercises(self) -> list[str]:
        return [s.id for s in self.steps if s.kind == "exercise" and s.id is not None]

    @property
    def questions(self) -> list[str]:
        """The keys of the question steps' questions (not the checkpoints')."""
        return [s.id for s in self.steps if s.kind == "question" and s.id is not None]

    @property
    def checkpoints(self) -> list[StepOutline]:
        return [s for s in self.steps if s.kind == "checkpoint"]

    def to_json(self) -> list[list[Any]]:
        return [[s.kind, s.id, list(s.questions)] for s in self.steps]

    @classmethod
    def from_json(cls, data: Any) -> LessonOutline | None:
        """The outline :meth:`to_json` wrote, or None if ``data`` is not one."""
        if not isinstance(data, list):
            return None
        steps = []
        for item in data:
            if not (isinstance(item, list) and len(item) == 3 and item[0] in KINDS
                    and (item[1] is None or isinstance(item[1], str))
                    and cachefile.is_str_list(item[2])):
                return None
            kind, step_id, questions = item
            if (step_id is None) != (kind in ("text", "plot")) or (
                    questions and kind != "checkpoint"):
                return None
            steps.append(StepOutline(kind, step_id, tuple(questions)))
        return cls(tuple(steps))


class Outlined(Protocol):
    """A lesson as mastery and the lesson list see it: a ``Lesson`` model or its entry in
    the parsed-course cache's index."""

    @property
    def id(self) -> str: ...

    @property
    def title(self) -> str: ...

    @property
    def pillar(self) -> str: ...

    @property
    def summary(self) -> str: ...

    @property
    def outline(self) -> LessonOutline: ...


class OutlinedCourse(Protocol):
    """A course's lessons in order, outlined: a loaded ``Course`` or a ``CourseIndex``."""

    @property
    def lessons(self) -> Sequence[Outlined]: ...
