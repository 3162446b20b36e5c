"""The editor's keys (select all, indent, dedent, paste, escape), exercise keys that must
not collide with the editor's, and what the help screen promises."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from textual import events
from textual.binding import Binding

from tutor.app.app import TutorApp
from tutor.app.screens.checkpoint import CheckpointScreen
from tutor.app.screens.help import HELP_TEXT
from tutor.app.screens.home import HomeScreen
from tutor.app.screens.lesson import LessonScreen
from tutor.app.screens.plot import PlotScreen
from tutor.app.screens.review import ReviewScreen
from tutor.app.screens.solution import SolutionScreen
from tutor.app.widgets.editor import CodeEditor, clean_paste, dedent_width
from tutor.app.widgets.exercise import ExercisePanel
from tutor.grading.plotdata import PlotData
from tutor.progress import ProgressStore

from .conftest import on_screen, open_exercise, open_lesson, settle

SIZE = (80, 24)
STARTER = "def double(x):\n    return x\n"


def test_clean_paste_expands_leading_tabs_and_terminal_line_ends() -> None:
    assert clean_paste("def f(x):\r\tif x:\r\n\t\treturn '\t'\r") == (
        "def f(x):\n    if x:\n        return '\t'\n")


@pytest.mark.parametrize(("before", "width"), [
    ("", 0), ("    ", 4), ("        ", 4), ("      ", 2), (" ", 1), ("    x", 0),
])
def test_backspace_in_the_indentation_goes_back_one_level(before: str, width: int) -> None:
    assert dedent_width(before) == width


async def test_ctrl_a_selects_everything_and_typing_replaces_it(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        editor = (await open_exercise(app, pilot)).editor
        await pilot.press("ctrl+a")
        assert editor.selected_text == STARTER
        await pilot.press(*"x = 1")
        assert editor.text == "x = 1"
        await pilot.press("ctrl+a", "backspace")
        assert editor.text == ""
        await pilot.press("ctrl+z")
        assert editor.text == "x = 1"


async def test_tab_indents_selected_lines_and_backspace_dedents(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        editor = (await open_exercise(app, pilot)).editor
        editor.text = "a = 1\nb = 2\n"
        editor.move_cursor((0, 0))
        await pilot.press("shift+down", "shift+down", "tab")
        assert editor.text == "    a = 1\n    b = 2\n"
        editor.move_cursor((1, 4))
        await pilot.press("backspace")
        assert editor.text == "    a = 1\nb = 2\n"
        editor.move_cursor(editor.document.end)
        await pilot.press(*"if b:", "enter", "enter")  # two levels? no: one, kept
        assert editor.text.endswith("if b:\n    \n    ")
        await pilot.press("backspace")
        assert editor.text.endswith("if b:\n    \n")


async def test_a_paste_replaces_the_selection_with_clean_code(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        editor = (await open_exercise(app, pilot)).editor
        await pilot.press("ctrl+a")
        editor.post_message(events.Paste("def double(x):\r\treturn 2 * x\r"))
        await pilot.pause()
        assert editor.text == "def double(x):\n    return 2 * x\n"


async def test_escape_leaves_the_editor_then_goes_home(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        panel = await open_exercise(app, pilot)
        assert app.focused is panel.editor
        shown = {b.binding.key: b.binding.description for b in app.active_bindings.values()
                 if b.binding.show}
        assert shown.get("escape") == "Leave editor", "the footer says what escape does"
        await pilot.press("escape")
        assert app.focused is not panel.editor and isinstance(app.screen, LessonScreen)
        await pilot.press("escape")
        await on_screen(pilot, HomeScreen)


async def test_f7_shows_the_solution_even_from_the_editor(make_app, data_dir: Path) -> None:
    with ProgressStore.open(data_dir) as store:
        store.record_solution_shown("linear-algebra/double")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        panel = await open_exercise(app, pilot)
        assert app.focused is panel.editor
        await pilot.press("f7")  # TextArea's own F7 would select all
        await pilot.pause()
        assert isinstance(app.screen, SolutionScreen)
        await pilot.press("ctrl+u")
        await pilot.pause()
        assert panel.editor.text == "def double(x):\n    return 2 * x\n"


async def test_ctrl_l_plots_after_a_check_that_draws_one(make_app, fake_evaluator) -> None:
    fake_evaluator.plot_data = PlotData("loss-curve", "Double it", learner=(3.0, 2.0, 1.0),
                                        reference=(3.0, 1.5, 0.5))
    app = make_app(fake_evaluator)
    async with app.run_test(size=SIZE) as pilot:
        await open_exercise(app, pilot)
        assert "ctrl+l" not in {b.binding.key for b in app.active_bindings.values()}
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        await pilot.press("ctrl+l")
        await on_screen(pilot, PlotScreen)


async def test_quitting_right_after_typing_keeps_the_draft(make_app, data_dir: Path) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        editor = (await open_exercise(app, pilot)).editor
        editor.move_cursor(editor.document.end)
        await pilot.press(*"# mine", "ctrl+q")  # sooner than the draft timer
        await pilot.pause()
    with ProgressStore.open(data_dir) as store:
        assert store.draft("linear-algebra/double") == STARTER + "# mine"


async def test_finishing_a_lesson_makes_continue_point_at_the_next(make_app,
                                                                   data_dir: Path) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_lesson(app, pilot, "linear-algebra/basics", 4)
        await pilot.press("ctrl+n")  # Done on the last step
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await settle(app, pilot)
        button = app.screen.query_one("#continue")
        assert "Curves and a checkpoint" in str(button.label)
        assert button.size.width >= len(str(button.label)), "the button grows with its label"
    with ProgressStore.open(data_dir) as store:
        assert store.position() == ("optimization/curves", 0)


async def test_the_checkpoint_score_has_a_line_of_its_own(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_lesson(app, pilot, "optimization/curves", 1)
        await pilot.press("enter")  # the start button has the focus
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CheckpointScreen)
        await pilot.press("down", "enter", "tab", *"0.5", "ctrl+s")
        await pilot.pause()
        assert screen.submitted and screen.score == 0.5
        score = screen.query_one("#checkpoint-score")
        assert not score.has_class("-hidden") and "1/2 right (50%)" in str(score.render())
        assert app.focused is screen.query_one("#checkpoint-questions")


def key_names(key: str) -> list[str]:
    """How the help text writes a binding's keys."""
    arrows = {"left": "←", "right": "→", "up": "↑", "down": "↓"}
    names = []
    for one in key.split(","):
        one = one.replace("question_mark", "?")
        if re.fullmatch(r"f\d+", one):
            one = one.upper()
        for word, arrow in arrows.items():
            one = re.sub(rf"\b{word}\b", arrow, one)
        names.append(one)
    return names


HELPED = [TutorApp, HomeScreen, LessonScreen, ExercisePanel, CodeEditor, CheckpointScreen,
          SolutionScreen, ReviewScreen]


@pytest.mark.parametrize("owner", HELPED, ids=[cls.__name__ for cls in HELPED])
def test_the_help_names_every_key_of_the_app(owner: type) -> None:
    for binding in owner.BINDINGS:
        assert isinstance(binding, Binding)
        if binding.key in ("home", "enter"):
            continue  # ordinary editor and list keys
        assert any(f"`{name}`" in HELP_TEXT for name in key_names(binding.key)), (
            f"{owner.__name__}: {binding.key} ({binding.description}) is not in the help")


def test_the_editor_uses_public_textual_api_within_its_pinned_major() -> None:
    """The editor builds on TextArea's public API only; pyproject bounds Textual below 9,
    and this fails loudly (rather than the editor quietly misbehaving) if that changes."""
    from importlib.metadata import version
    from pathlib import Path

    from tutor.app.widgets import editor

    source = Path(editor.__file__).read_text(encoding="utf-8")
    assert "textual._" not in source and "_via_keyboard" not in source
    assert editor.python_language() == "python"  # textual[syntax] brings the grammar
    assert version("textual").split(".")[0] == "8"
