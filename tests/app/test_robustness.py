"""Lessons and input that look like markup, or are broken, never crash the app."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from tutor.app.app import TutorApp
from tutor.app.screens.home import HomeScreen
from tutor.app.screens.lesson import LessonScreen
from tutor.app.widgets.exercise import ExercisePanel
from tutor.app.widgets.question import QuestionWidget

from .conftest import on_screen, open_lesson, settle

SIZE = (80, 24)

ODD = """\
id: calculus/odd-brackets
title: "Brackets [b]bold[/b] and [/oops] $x$"
pillar: calculus
order: 1
summary: "A summary with [link=x]markup[/link] and [/] stray closers"
steps:
  - kind: text
    title: "[red]Not red[/red]"
    body: "Text with [/bad] markup, \\\\frac{a}{b} and `code [x]`."
  - kind: question
    question:
      type: choice
      id: brackets
      prompt: "Pick [1, 2]"
      choices: ["[1, 2]", "[/]", "[bold]"]
      answer: 0
      explanation: "Lists look like [1, 2]."
  - kind: exercise
    id: calculus/odd
    title: "Odd [/] title"
    prompt: "Return [x]."
    function: odd
    starter: |
      def odd(x):
          return [x]  # [/bold]
    solution: |
      def odd(x):
          return [x]
    cases:
      - name: "[/] case"
        args: "1"
    hints: ["Use [brackets]."]
"""


async def test_markup_like_lesson_text_is_shown_literally(lesson_tree: Path, data_dir: Path,
                                                          fake_evaluator) -> None:
    (lesson_tree / "calculus").mkdir()
    (lesson_tree / "calculus" / "01-odd.yaml").write_text(ODD)
    app = TutorApp(lessons_dir=lesson_tree, data_dir=data_dir, highlight=False,
                   evaluator_factory=lambda: fake_evaluator)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert not app.course.errors, app.course.errors
        await pilot.press("down", "enter")  # calculus → its lessons
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, LessonScreen)
        await pilot.press("ctrl+n")
        await pilot.pause()
        question = screen.query_one(QuestionWidget)
        await pilot.press("enter")  # picking a choice answers it
        await pilot.pause()
        assert question.result is not None and question.result.correct
        await pilot.press("ctrl+n")
        await pilot.pause()
        panel = screen.query_one(ExercisePanel)
        await pilot.press("ctrl+g", "ctrl+r")
        await settle(app, pilot)
        await pilot.press("ctrl+o")
        await pilot.pause()
        await pilot.press("escape", "escape")
        await pilot.pause()
        assert panel.hints_shown == 1


async def test_typing_markup_and_junk_into_answers_and_editor(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_lesson(app, pilot, "linear-algebra/basics", 2)
        question = app.screen.query_one(QuestionWidget)
        question.query_one(Input).value = "[/bold] ∞ 1e999 \x00"
        await pilot.press("enter")
        await pilot.pause()
        assert question.result is None  # not a number: asked again, nothing recorded
        await pilot.press("ctrl+n")
        await pilot.pause()
        panel = app.screen.query_one(ExercisePanel)
        panel.editor.text = "[/]\n\x00def ((((\n"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert not panel.busy


async def test_an_empty_or_missing_lesson_tree_still_opens(tmp_path: Path) -> None:
    app = TutorApp(lessons_dir=tmp_path / "nowhere", data_dir=tmp_path / "data", highlight=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, HomeScreen)
        assert app.screen.query("#course-errors")
        await pilot.press("c", "enter")
        await on_screen(pilot, HomeScreen)


async def test_unknown_lesson_id_is_a_notice(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        app.open_lesson("nowhere/nothing")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


LONG = """\
id: calculus/long-choices
title: Long choices
pillar: calculus
order: 1
summary: Choices longer than an 80-column line.
steps:
  - kind: question
    question:
      type: choice
      id: long
      prompt: "Why do frameworks use `backprop`?"
      choices:
        - Short.
        - "Backprop gets every partial derivative for about the cost of one extra pass,
          while differences need two passes per parameter (`np.gradient` is not it)"
      answer: 1
"""


async def test_a_long_choice_wraps_and_shows_code_without_backticks(lesson_tree: Path,
                                                                    data_dir: Path) -> None:
    from textual.widgets import RadioButton

    (lesson_tree / "calculus").mkdir()
    (lesson_tree / "calculus" / "01-long.yaml").write_text(LONG)
    app = TutorApp(lessons_dir=lesson_tree, data_dir=data_dir, highlight=False)
    async with app.run_test(size=SIZE) as pilot:
        await open_lesson(app, pilot, "calculus/long-choices", 0)
        short, long = app.screen.query(RadioButton)
        assert short.size.height == 1 and long.size.height >= 2, "nothing is cut off"
        assert "np.gradient" in long.label.plain and "`" not in long.label.plain
