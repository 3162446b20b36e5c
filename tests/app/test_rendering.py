"""Lesson text is shown as written: the shipped course passes the rendering check, the
check reads Markdown as the app's Markdown widget does, its width limit fits the
narrowest monospace block at 80 columns, and the Bayes table and a formula block look
right at 80×24."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.app import App, ComposeResult
from textual.pilot import Pilot
from textual.widgets import Markdown
from textual.widgets._markdown import MarkdownFence, MarkdownParagraph, MarkdownTable

from tutor.app.app import TutorApp
from tutor.app.widgets.steps import TextStepView
from tutor.lessons.display import lesson_markdown
from tutor.lessons.loader import load_course
from tutor.lessons.rendercheck import MAX_COLUMNS, text_problems
from tutor.lessons.shown import shown_texts
from tutor.paths import builtin_lessons_dir

from .conftest import open_lesson, until

SMALL = (80, 24)


def screen_lines(app: App[Any]) -> list[str]:
    """The screen as the learner sees it, one string per terminal row."""
    return [strip.text.rstrip() for strip in app.screen._compositor.render_strips()]


def test_every_text_of_the_shipped_course_is_shown_as_written() -> None:
    """Every text field of every shipped lesson, read as the app shows it (Markdown prose,
    reflowed messages, single lines), has none of the rendering problems."""
    course = load_course(builtin_lessons_dir())
    assert course.lessons and not course.errors
    found = [
        str(course.error_at(lesson.id, where, problem.message, text_line=problem.line))
        for lesson in course.lessons
        for where, text, shown in shown_texts(lesson)
        for problem in text_problems(text, shown)
    ]
    assert not found, f"{len(found)} rendering problems:\n" + "\n".join(found)


class MarkdownApp(App[None]):
    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        yield Markdown(lesson_markdown(self.text))


@pytest.mark.parametrize(("text", "flagged"), [
    ("Take f(w) = w² at w = 3.\n  f'(w) = 2w = 6\nso the slope is 6.", True),
    ("Take f(w) = w² at w = 3:\n\n  f'(w) = 2w = 6\n\nso the slope is 6.", False),
])
async def test_the_check_reads_markdown_as_the_widget_does(text: str, flagged: bool) -> None:
    """What the check calls a merged formula line is one paragraph in Textual's widget; the
    form it recommends is a block of its own there."""
    app = MarkdownApp(text)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        paragraphs = list(app.query(MarkdownParagraph))
        fences = list(app.query(MarkdownFence))
        assert bool(text_problems(text, "markdown")) is flagged
        if flagged:
            assert len(paragraphs) == 1 and not fences
        else:
            assert len(fences) == 1 and fences[0].code.strip() == "f'(w) = 2w = 6"


LESSON_WITH_WIDE_HINT = """\
id: probability/wide
title: Wide blocks
pillar: probability
order: 1
summary: A hint holding a block exactly as wide as the check allows.
steps:
  - kind: exercise
    id: probability/wide-one
    title: One
    prompt: Write `one(x)`.
    function: one
    starter: |
      def one(x):
          return 0
    solution: |
      def one(x):
          return 1
    cases:
      - args: "2"
    hints:
      - |
        ```text
        {line}
        ```
"""


async def test_the_width_limit_fits_the_narrowest_block_at_80_columns(tmp_path: Path) -> None:
    """A fenced line of MAX_COLUMNS characters in a hint, the narrowest place the app shows
    monospace text, stays on one row at 80×24."""
    line = "x" * (MAX_COLUMNS - 1) + "|"
    tree = tmp_path / "lessons" / "probability"
    tree.mkdir(parents=True)
    (tree / "01-wide.yaml").write_text(LESSON_WITH_WIDE_HINT.format(line=line))
    app = TutorApp(lessons_dir=tmp_path / "lessons", data_dir=tmp_path / "data",
                   highlight=False, evaluator_factory=lambda: None)
    async with app.run_test(size=SMALL) as pilot:
        await app.workers.wait_for_complete()
        await open_lesson(app, pilot, "probability/wide", 0)
        await pilot.press("ctrl+g")
        await pilot.pause()
        [fence] = app.screen.query(".hint MarkdownFence")
        assert fence.code.strip() == line
        assert any(row.rstrip().endswith(line) for row in screen_lines(app))


def bayes_app(tmp_path: Path) -> TutorApp:
    return TutorApp(lessons_dir=builtin_lessons_dir(), data_dir=tmp_path / "data",
                    highlight=False, evaluator_factory=lambda: None)


async def show_bayes_table(app: TutorApp, pilot: Pilot) -> None:
    """Open the first step of the Bayes lesson with its table at the top of the view."""
    await open_lesson(app, pilot, "probability/bayes", 0)
    view = app.screen.query_one(TextStepView)
    markdown = view.query_one(Markdown)
    # the widget mounts its blocks after compose, and lays the table out after that
    await until(pilot, lambda: bool(markdown.query(MarkdownTable))
                and markdown.query_one(MarkdownTable).region.height > 0, "the table's layout")
    table = markdown.query_one(MarkdownTable)
    # the table's top, in the view's content, less the paragraph that leads to it
    top = table.region.y - view.region.y + round(view.scroll_y) - 6
    view.scroll_to(y=top, animate=False)
    await pilot.pause()


async def test_the_bayes_table_and_its_formula_at_80x24(tmp_path: Path) -> None:
    app = bayes_app(tmp_path)
    async with app.run_test(size=SMALL) as pilot:
        await show_bayes_table(app, pilot)
        rows = screen_lines(app)
    cells = [[c.strip() for c in row.split("│")[1:-1]] for row in rows if "│" in row]
    assert ["", "test positive", "test negative", "total"] in cells
    assert ["sick", "99", "1", "100"] in cells
    assert ["healthy", "495", "9405", "9900"] in cells
    assert "P(sick | positive) = 99 / 594 ≈ 0.1667" in [row.strip() for row in rows]


def test_snapshot_of_the_bayes_table_at_80x24(snap_compare: Callable[..., bool],
                                               tmp_path: Path) -> None:
    app = bayes_app(tmp_path)

    async def run_before(pilot: Pilot) -> None:
        await show_bayes_table(app, pilot)

    assert snap_compare(app, terminal_size=SMALL, run_before=run_before)
