"""Plot steps, the learner's plot after a check, and the checkpoint screen."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Button, Input, RadioSet
from textual_plotext import PlotextPlot

from tutor.app.screens.checkpoint import CheckpointScreen
from tutor.app.screens.lesson import LessonScreen
from tutor.app.screens.plot import PlotScreen
from tutor.app.widgets.exercise import ExercisePanel
from tutor.app.widgets.plot import PlotView
from tutor.app.widgets.question import QuestionWidget
from tutor.app.widgets.steps import PlotStepView
from tutor.grading.plotdata import PlotData
from tutor.progress import ProgressStore

from .conftest import click, on_screen, open_lesson, settle

SIZE = (100, 32)
LOSS_PLOT = PlotData("loss-curve", "Your loss curve", learner=(4.0, 2.0, 1.0, 0.5, 0.25),
                     reference=(4.0, 2.1, 1.1, 0.6, 0.3))


async def test_plot_step_draws_the_figure(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_lesson(app, pilot, "optimization/curves", 0)
        view = app.screen.query_one(PlotStepView).query_one(PlotView)
        await pilot.pause()
        assert view.error is None
        assert view.figure is not None and view.figure.series
        assert view.query(PlotextPlot)
        await settle(app, pilot)
        contents = app.screen.query_one("#contents-list")
        assert app.focused is not contents  # hidden: the arrow keys must not move it
        highlighted = contents.highlighted
        await pilot.press("down", "down")
        assert contents.highlighted == highlighted


async def test_checked_exercise_opens_the_learners_plot(make_app, fake_evaluator) -> None:
    fake_evaluator.plot_data = LOSS_PLOT
    app = make_app(fake_evaluator)
    async with app.run_test(size=SIZE) as pilot:
        await open_lesson(app, pilot, "linear-algebra/basics", 3)
        panel = app.screen.query_one(ExercisePanel)
        plot_button = panel.query_one("#plot", Button)
        assert plot_button.has_class("-hidden")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert not plot_button.has_class("-hidden")
        await click(pilot, "#plot")
        await on_screen(pilot, PlotScreen)
        view = app.screen.query_one(PlotView)
        await pilot.pause()
        assert view.error is None
        labels = [s.label for s in view.figure.series]
        assert len(labels) == 2
        await pilot.press("escape")
        await on_screen(pilot, LessonScreen)


async def test_a_bad_plot_shows_a_message_not_a_crash(make_app, fake_evaluator) -> None:
    fake_evaluator.plot_data = PlotData("no-such-kind", "Broken", learner=(), reference=())
    app = make_app(fake_evaluator)
    async with app.run_test(size=SIZE) as pilot:
        await open_lesson(app, pilot, "linear-algebra/basics", 3)
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        await click(pilot, "#plot")
        await on_screen(pilot, PlotScreen)
        await pilot.press("escape")
        await on_screen(pilot, LessonScreen)


async def test_checkpoint_scores_and_records(make_app, data_dir: Path) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_lesson(app, pilot, "optimization/curves", 1)
        await click(pilot, "#start-checkpoint")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CheckpointScreen)
        await pilot.press("ctrl+s")  # nothing answered yet: refused with a notice
        await pilot.pause()
        assert not screen.submitted
        first, second = screen.query(QuestionWidget)
        first.query_one(RadioSet).focus()
        await pilot.press("enter")  # selects "(0, 1)", the right answer
        second.query_one(Input).value = "0.9"  # wrong
        await click(pilot, "#submit")
        await pilot.pause()
        assert screen.submitted and screen.score == 0.5 and screen.passed
        assert first.has_class("-correct") and second.has_class("-wrong")
        await pilot.press("escape")
        await on_screen(pilot, LessonScreen)
        assert "50%" in app.screen.query_one(".checkpoint-step Markdown").source
    with ProgressStore.open(data_dir) as store:
        records = store.records()
        state = records.checkpoints[("optimization/curves", "curves-check")]
        assert state.passed and state.best_score == 0.5
        assert "optimization/curves/squash" in records.questions_correct


async def test_a_score_just_below_the_pass_score_does_not_pass(make_app, data_dir: Path,
                                                               lesson_tree: Path) -> None:
    curves = lesson_tree / "optimization" / "01-curves.yaml"
    curves.write_text(curves.read_text().replace("pass_score: 0.5", "pass_score: 0.500001"))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_lesson(app, pilot, "optimization/curves", 1)
        await click(pilot, "#start-checkpoint")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CheckpointScreen)
        first, second = screen.query(QuestionWidget)
        first.query_one(RadioSet).focus()
        await pilot.press("enter")  # right
        second.query_one(Input).value = "0.9"  # wrong: 1 of 2, a hair below the pass score
        await click(pilot, "#submit")
        await pilot.pause()
        assert screen.submitted and screen.score == 0.5 and not screen.passed
        await pilot.press("escape")
        await pilot.pause()
        assert "not passed yet" in app.screen.query_one(".checkpoint-step Markdown").source
    with ProgressStore.open(data_dir) as store:
        state = store.records().checkpoints[("optimization/curves", "curves-check")]
        assert not state.passed and state.best_score == 0.5
