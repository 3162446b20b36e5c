"""Help, themes, the command palette, and degraded progress storage."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tutor.app.app import DARK_THEME, LIGHT_THEME, TutorApp
from tutor.app.screens.help import HelpScreen
from tutor.app.screens.home import HomeScreen
from tutor.app.screens.lesson import LessonScreen
from tutor.app.widgets.editor import DARK_EDITOR_THEME, LIGHT_EDITOR_THEME
from tutor.app.widgets.exercise import ExercisePanel

from .conftest import on_screen, open_lesson, settle, until

SIZE = (100, 32)


async def test_question_mark_opens_help_and_escape_closes_it(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        await on_screen(pilot, HelpScreen)
        await pilot.press("escape")
        await on_screen(pilot, HomeScreen)


async def test_f1_opens_help_from_inside_the_editor(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_lesson(app, pilot, "linear-algebra/basics", 3)
        await pilot.press("f1")
        await on_screen(pilot, HelpScreen)


async def test_theme_toggle_switches_light_and_dark(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_lesson(app, pilot, "linear-algebra/basics", 3)
        editor = app.screen.query_one(ExercisePanel).editor
        assert app.theme == DARK_THEME and editor.theme == DARK_EDITOR_THEME
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert app.theme == LIGHT_THEME and editor.theme == LIGHT_EDITOR_THEME
        await pilot.press("ctrl+t")
        assert app.theme == DARK_THEME


async def test_palette_jumps_to_an_exercise(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"double it")
        await until(pilot, lambda: any("Double it" in c for c in commands(app)[:1]),
                    "the palette to find the exercise")
        await pilot.press("enter")
        await on_screen(pilot, LessonScreen)
        assert app.screen.step_index == 3


async def test_palette_checks_the_open_exercise(make_app, fake_evaluator) -> None:
    app = make_app(fake_evaluator)
    async with app.run_test(size=SIZE) as pilot:
        await open_lesson(app, pilot, "linear-algebra/basics", 3)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"check my solution")
        await until(pilot, lambda: commands(app)[:1] == ["Check my solution"],
                    "the palette to find the check")
        await pilot.press("enter")
        await settle(app, pilot)
        assert fake_evaluator.calls == ["check"]


def commands(app: TutorApp) -> list[str]:
    """The first line of each command the palette lists now (none while it is not open)."""
    from textual.command import CommandList

    found = app.screen.query(CommandList)
    if not found:
        return []
    options = found.first()
    return [str(options.get_option_at_index(i).prompt).splitlines()[0]
            for i in range(options.option_count)]


class RecordingApp(TutorApp):
    """Keeps every notification so a test can count them."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.notes: list[tuple[str, str]] = []

    def notify(self, message: str, *args: Any, **kwargs: Any) -> None:
        self.notes.append((message, kwargs.get("severity", "information")))
        super().notify(message, *args, **kwargs)


async def test_unwritable_progress_is_announced_once(lesson_tree: Path, tmp_path: Path) -> None:
    blocked = tmp_path / "not-a-dir"
    blocked.write_text("")
    app = RecordingApp(lessons_dir=lesson_tree, data_dir=blocked, highlight=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.store.readonly
        warnings = [m for m, severity in app.notes if severity == "warning"]
        assert len(warnings) == 1 and "cannot be written" in warnings[0]
        await open_lesson(app, pilot, "linear-algebra/basics", 1)
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert len([m for m, severity in app.notes if severity == "warning"]) == 1


async def test_palette_lists_the_exercise_actions_first_then_help(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_lesson(app, pilot, "linear-algebra/basics", 3)
        await pilot.press("ctrl+p")
        await until(pilot, lambda: "Open lesson: Doubling basics" in commands(app),
                    "the palette to list the lessons")
        texts = commands(app)
        assert texts[0] == "Check my solution"
        assert "Help" in texts and texts.index("Help") < texts.index("Open lesson: Doubling basics")
