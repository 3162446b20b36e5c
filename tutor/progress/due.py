"""What is due for review in a course, and how well each item is likely recalled.

Joins the store's review cards (``tutor.progress.cards``) with the course, so that
``tutor review``, its ``--json``, the app's home screen and its review session all
list the same items in the same order (soonest due first, then course order). A
card whose exercise or question is no longer in the course is left out.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from statistics import fmean
from typing import TYPE_CHECKING, Any

from tutor.lessons.mathtext import convert_math
from tutor.lessons.model import (
    PILLARS,
    AnyQuestion,
    CheckpointStep,
    ExerciseStep,
    Lesson,
    QuestionStep,
    question_id,
)
from tutor.progress.schedule import CardRow, Kind, due_by

if TYPE_CHECKING:
    from tutor.progress.mastery import CourseLike

WEEK_DAYS = 6  # "this week": due by the end of the sixth day after today


@dataclass(frozen=True)
class ReviewItem:
    """One card of the course: what it is, where it lives, when it is due, and the
    probability of recalling it now (``recall``)."""

    item_id: str
    kind: Kind
    pillar: str
    lesson: Lesson = field(repr=False, compare=False)
    step: ExerciseStep | None = field(repr=False, compare=False)
    question: AnyQuestion | None = field(repr=False, compare=False)
    title: str
    due: float
    recall: float

    def to_json(self) -> dict[str, Any]:
        return {"id": self.item_id, "kind": self.kind, "pillar": self.pillar,
                "lesson": self.lesson.id, "title": self.title, "due": self.due,
                "recall": round(self.recall, 4)}


@dataclass(frozen=True)
class ReviewPlan:
    """Every card of a course as of ``now``, soonest due first."""

    now: float
    items: list[ReviewItem]

    @property
    def today(self) -> list[ReviewItem]:
        """Due by the end of today (overdue included): what a review session serves."""
        end = due_by(self.now)
        return [i for i in self.items if i.due < end]

    @property
    def this_week(self) -> list[ReviewItem]:
        """Due after today, by the end of the sixth day after it."""
        start, end = due_by(self.now), due_by(self.now, WEEK_DAYS)
        return [i for i in self.items if start <= i.due < end]

    def per_pillar(self) -> dict[str, tuple[int, int]]:
        """Per pillar with cards: (due today, due later this week)."""
        counts = {p: [0, 0] for p in PILLARS if any(i.pillar == p for i in self.items)}
        for slot, items in enumerate((self.today, self.this_week)):
            for item in items:
                counts[item.pillar][slot] += 1
        return {p: (c[0], c[1]) for p, c in counts.items()}

    def recall_of(self, lesson_id: str | None = None, pillar: str | None = None) -> float | None:
        """The mean recall probability of a lesson's or a pillar's cards (None: no card)."""
        values = [i.recall for i in self.items
                  if (lesson_id is None or i.lesson.id == lesson_id)
                  and (pillar is None or i.pillar == pillar)]
        return fmean(values) if values else None

    def to_json(self) -> dict[str, Any]:
        return {
            "now": self.now,
            "today": [i.to_json() for i in self.today],
            "this_week": [i.to_json() for i in self.this_week],
            "pillars": {p: {"today": t, "this_week": w} for p, (t, w) in
                        self.per_pillar().items()},
            "cards": len(self.items),
        }


def review_plan(cards: dict[str, CardRow], course: CourseLike, now: float) -> ReviewPlan:
    """The plan of ``course``'s cards at ``now``."""
    items = []
    for order, (item_id, lesson, step, question, title) in enumerate(_course_items(course)):
        row = cards.get(item_id)
        if row is None:
            continue
        items.append((row.due, order, ReviewItem(
            item_id, row.kind, lesson.pillar, lesson, step, question, title, row.due,
            row.recall(now))))
    items.sort(key=lambda entry: entry[:2])
    return ReviewPlan(now, [item for *_, item in items])


def _course_items(course: CourseLike) -> Iterable[tuple[str, Lesson, ExerciseStep | None,
                                                        AnyQuestion | None, str]]:
    """Every exercise and question of the course, in course order, with a title."""
    for lesson in course.lessons:
        for step in lesson.steps:
            if isinstance(step, ExerciseStep):
                yield step.id, lesson, step, None, step.title
            elif isinstance(step, QuestionStep):
                yield (question_id(lesson, step.question), lesson, None, step.question,
                       _question_title(step.question))
            elif isinstance(step, CheckpointStep):
                for question in step.questions:
                    yield (question_id(lesson, question), lesson, None, question,
                           _question_title(question))


def _question_title(question: AnyQuestion, limit: int = 48) -> str:
    """"Question: " and the prompt's first line, math as text, cut to ``limit``."""
    line = next((ln.strip(" #*") for ln in question.prompt.splitlines() if ln.strip()), "")
    line = convert_math(line)
    return "Question: " + (line if len(line) <= limit else line[: limit - 1] + "…")
