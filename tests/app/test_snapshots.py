"""Snapshots of the screens a learner looks at (update with ``pytest --snapshot-update``).

Deterministic by construction: the fixed lesson tree of conftest, a fresh data
dir, the fake evaluator, no syntax highlighting and no cursor blink.
"""

from __future__ import annotations

from textual.pilot import Pilot

from tutor.app.widgets.editor import CodeEditor
from tutor.grading.plotdata import PlotData

from .conftest import click, on_screen, open_lesson, settle

LOSS_PLOT = PlotData("loss-curve", "Your loss curve", learner=(4.0, 2.0, 1.0, 0.5, 0.25, 0.12),
                     reference=(4.0, 1.5, 0.6, 0.2, 0.08, 0.03))


async def still_cursor(pilot: Pilot) -> None:
    for editor in pilot.app.screen.query(CodeEditor):
        editor.cursor_blink = False
    await pilot.pause()


async def loaded(pilot: Pilot) -> None:
    """Wait for the home screen's worker to list the lessons."""
    await settle(pilot.app, pilot)


def test_home(snap_compare, make_app) -> None:
    assert snap_compare(make_app(), terminal_size=(100, 32), run_before=loaded)


def test_home_small_terminal(snap_compare, make_app) -> None:
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=loaded)


def test_lesson_text_step(snap_compare, make_app) -> None:
    async def open_first(pilot: Pilot) -> None:
        await loaded(pilot)
        await pilot.press("enter", "enter")
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=(100, 32), run_before=open_first)


def test_exercise_after_a_failed_check(snap_compare, make_app) -> None:
    app = make_app()

    async def check_wrong(pilot: Pilot) -> None:
        await open_lesson(app, pilot, "linear-algebra/basics", 3)
        await still_cursor(pilot)
        await pilot.press("ctrl+g", "ctrl+s")
        await settle(app, pilot)

    assert snap_compare(app, terminal_size=(100, 32), run_before=check_wrong)


def test_exercise_small_terminal(snap_compare, make_app) -> None:
    app = make_app()

    async def open_it(pilot: Pilot) -> None:
        await open_lesson(app, pilot, "linear-algebra/basics", 3)
        await still_cursor(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=open_it)


def test_plot_step(snap_compare, make_app) -> None:
    app = make_app()

    async def open_plot(pilot: Pilot) -> None:
        await open_lesson(app, pilot, "optimization/curves", 0)
        await pilot.pause()

    assert snap_compare(app, terminal_size=(100, 32), run_before=open_plot)


def test_learner_plot_screen(snap_compare, make_app, fake_evaluator) -> None:
    fake_evaluator.plot_data = LOSS_PLOT
    app = make_app(fake_evaluator)

    async def check_and_plot(pilot: Pilot) -> None:
        await open_lesson(app, pilot, "linear-algebra/basics", 3)
        app.screen.query_one(CodeEditor).text = "def double(x):\n    return 2 * x\n"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        app.clear_notifications()
        await click(pilot, "#plot")
        await pilot.pause()
        await pilot.pause()

    assert snap_compare(app, terminal_size=(100, 32), run_before=check_and_plot)


def test_checkpoint_screen(snap_compare, make_app) -> None:
    app = make_app()

    async def start(pilot: Pilot) -> None:
        from tutor.app.screens.checkpoint import CheckpointScreen

        await open_lesson(app, pilot, "optimization/curves", 1)
        await click(pilot, "#start-checkpoint")
        await on_screen(pilot, CheckpointScreen)
        await settle(app, pilot)

    assert snap_compare(app, terminal_size=(100, 32), run_before=start)


def test_help_screen(snap_compare, make_app) -> None:
    async def open_help(pilot: Pilot) -> None:
        await loaded(pilot)
        await pilot.press("question_mark")
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=(100, 32), run_before=open_help)
