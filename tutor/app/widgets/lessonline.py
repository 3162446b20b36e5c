"""One lesson in the home screen's list (a mark, its number and title), and the summary
shown under the list for the highlighted one."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content
from textual.visual import Visual

if TYPE_CHECKING:
    from textual.css.styles import RulesMap
    from textual.strip import Strip
    from textual.style import Style
    from textual.visual import RenderOptions

    from tutor.lessons.outline import Outlined
    from tutor.progress.mastery import LessonMastery

UNKNOWN_MARK = "·"  # progress could not be read: no claim either way


class MarkedLine(Visual):
    """A mark, a space, then text that wraps under itself (a hanging indent), as a
    two-column Rich grid shows it; drawn with Textual's own text layout, which costs the
    first screen far less than measuring and rendering a Rich table per row."""

    def __init__(self, mark: str, text: str) -> None:
        self._mark = Content(mark)
        self._text = Content(text)  # plain text: lesson titles are not markup
        self._indent = self._mark.cell_length + 1
        self._wrapped: tuple[int, list[Content]] | None = None

    def __str__(self) -> str:
        return f"{self._mark} {self._text}"

    def _lines(self, width: int) -> list[Content]:
        """The text wrapped to the room beside the mark (at least one cell)."""
        if self._wrapped is None or self._wrapped[0] != width:
            # a word longer than the room is cut with an ellipsis, as in a Rich table
            room = max(width - self._indent, 1)
            self._wrapped = (width, self._text.wrap(room, overflow="ellipsis"))
        return self._wrapped[1]

    def render_strips(self, width: int, height: int | None, style: Style,
                      options: RenderOptions) -> list[Strip]:
        lines = self._lines(width)
        first = Content.assemble(self._mark, " ", lines[0])
        rest = [line.pad_left(self._indent) for line in lines[1:]]
        return Content("\n").join([first, *rest]).render_strips(width, height, style, options)

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return self._indent + self._text.get_optimal_width(rules, container_width)

    def get_height(self, rules: RulesMap, width: int) -> int:
        return len(self._lines(width))


def lesson_line(number: int, lesson: Outlined, mastery: LessonMastery | None,
                known: bool = True) -> MarkedLine:
    """One row of the lesson list: a mark (○ not started, ◐ started, ★ mastered; · when
    progress is not ``known``), then the number and title, wrapping under itself."""
    mark = "○" if known else UNKNOWN_MARK
    if mastery is not None:
        if mastery.mastered:
            mark = "★"
        elif mastery.steps_completed or mastery.exercises_done:
            mark = "◐"
    return MarkedLine(mark, f"{number}. {lesson.title}")


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
