"""The linear-algebra plot steps of the built-in course draw in the app, legends and
notes included, and the same steps draw with `tutor plot`."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual_plotext import PlotextPlot

from tutor.app.app import TutorApp
from tutor.app.widgets.plot import PlotView
from tutor.app.widgets.steps import PlotStepView
from tutor.cli import main
from tutor.lessons.loader import Course, load_course
from tutor.lessons.model import PlotStep

from .conftest import open_lesson

COURSE: Course = load_course()
KINDS = ("matrix-grid", "singular-values")
STEPS = [(lesson.id, i, step.plot.kind) for lesson in COURSE.lessons
         for i, step in enumerate(lesson.steps)
         if isinstance(step, PlotStep) and step.plot.kind in KINDS]


def test_the_course_uses_both_kinds() -> None:
    assert {kind for _, _, kind in STEPS} == set(KINDS)


@pytest.mark.parametrize(("lesson_id", "index", "kind"), STEPS,
                         ids=[f"{s[0]}:{s[1]}" for s in STEPS])
async def test_plot_step_draws_in_the_app(lesson_id: str, index: int, kind: str,
                                          tmp_path: Path) -> None:
    app = TutorApp(data_dir=tmp_path / "data", course=COURSE, highlight=False)
    async with app.run_test(size=(100, 40)) as pilot:
        await app.workers.wait_for_complete()
        await open_lesson(app, pilot, lesson_id, index)
        view = app.screen.query_one(PlotStepView).query_one(PlotView)
        await pilot.pause()
        assert view.error is None and view.figure is not None
        plot = view.query_one(PlotextPlot)
        text = plot.plt.uncolorize(plot.plt.build())
        for s in view.figure.series:
            assert s.label in text  # legends name every series: readable without colour
        assert view.figure.notes


@pytest.mark.parametrize("lesson_id", sorted({s[0] for s in STEPS}))
def test_the_same_steps_draw_with_tutor_plot(lesson_id: str, capsys) -> None:
    assert main(["plot", lesson_id, "--width", "90"]) == 0
    out = capsys.readouterr().out
    for _, _, kind in (s for s in STEPS if s[0] == lesson_id):
        marker = "grid after A (+)" if kind == "matrix-grid" else "rank 5 + noise"
        assert marker in out
