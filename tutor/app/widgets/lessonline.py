"""One lesson in the home screen's list (a mark, its number and title), and the summary
shown under the list for the highlighted one."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.table import Table
from rich.text import Text

if TYPE_CHECKING:
    from tutor.lessons.outline import Outlined
    from tutor.progress.mastery import LessonMastery

UNKNOWN_MARK = "·"  # progress could not be read: no claim either way


def lesson_line(number: int, lesson: Outlined, mastery: LessonMastery | None,
                known: bool = True) -> Table:
    """One row of the lesson list: a mark (○ not started, ◐ started, ★ mastered; · when
    progress is not ``known``), then the number and title, wrapping under itself."""
    mark = "○" if known else UNKNOWN_MARK
    if mastery is not None:
        if mastery.mastered:
            mark = "★"
        elif mastery.steps_completed or mastery.exercises_done:
            mark = "◐"
    row = Table.grid(padding=(0, 1), expand=True)
    row.add_column(no_wrap=True)
    row.add_column(ratio=1)
    row.add_row(mark, Text(f"{number}. {lesson.title}"))  # Text: titles are not markup
    return row


def lesson_detail(lesson: Outlined, mastery: LessonMastery | None,
                  recall: float | None = None) -> str:
    """The summary under the lesson list: what the lesson is about, how far you got and
    how likely you are to recall it now (``ReviewPlan.recall_of``)."""
    steps = len(lesson.outline.steps)
    facts = [f"{steps} step{'s' * (steps != 1)}"]
    if mastery is not None and mastery.exercises_total:
        facts.append(f"{mastery.exercises_done}/{mastery.exercises_total} exercises done")
    if mastery is not None and mastery.checkpoints_total:
        facts.append("checkpoint passed ★" if mastery.checkpoint_passed
                     else "checkpoint not passed yet")
    if recall is not None:
        facts.append(f"recall {recall:.0%}")
    return f"{lesson.summary}\n{' · '.join(facts)}"
