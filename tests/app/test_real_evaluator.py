"""The app with the real sandboxed evaluator: wrong and right solutions, Run, and
the built-in dot-product exercise."""

from __future__ import annotations

from pathlib import Path

import pytest

from tutor.app.app import TutorApp
from tutor.app.screens.lesson import LessonScreen
from tutor.app.widgets.exercise import ExercisePanel
from tutor.progress import ProgressStore

from .conftest import open_lesson, settle

SIZE = (100, 32)


async def finish(app: TutorApp, pilot) -> None:
    await settle(app, pilot)


async def test_wrong_then_right_with_the_sandbox(lesson_tree: Path, data_dir: Path) -> None:
    app = TutorApp(lessons_dir=lesson_tree, data_dir=data_dir, highlight=False)
    async with app.run_test(size=SIZE) as pilot:
        await open_lesson(app, pilot, "linear-algebra/basics", 3)
        panel = app.screen.query_one(ExercisePanel)
        assert not app.evaluator_started
        await pilot.press("ctrl+s")
        await finish(app, pilot)
        assert app.evaluator_started
        assert panel.results.has_class("-failed"), panel.results.body_text
        assert "Expected: 4" in panel.results.body_text
        panel.editor.text = "def double(x):\n    print('doubling', x)\n    return 2 * x\n"
        await pilot.press("ctrl+r")
        await finish(app, pilot)
        assert "Returned: 4" in panel.results.body_text
        assert "doubling 2" in panel.results.body_text
        await pilot.press("ctrl+s")
        await finish(app, pilot)
        assert panel.results.has_class("-passed"), panel.results.body_text
    assert not app.evaluator_started, "the evaluator is closed when the app exits"
    with ProgressStore.open(data_dir) as store:
        state = store.exercise_state("linear-algebra/double")
        assert state.attempts == 2 and state.passed


async def test_an_endless_loop_times_out_and_the_app_stays_responsive(lesson_tree: Path,
                                                                    data_dir: Path) -> None:
    app = TutorApp(lessons_dir=lesson_tree, data_dir=data_dir, highlight=False)
    async with app.run_test(size=SIZE) as pilot:
        await open_lesson(app, pilot, "linear-algebra/basics", 3)
        panel = app.screen.query_one(ExercisePanel)
        panel.editor.text = "def double(x):\n    while True:\n        pass\n"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert panel.busy and panel.results.loading
        await pilot.press("ctrl+g")  # the UI still answers while the check runs
        await pilot.pause()
        assert panel.hints_shown == 1
        await finish(app, pilot)
        assert not panel.busy
        assert "Time limit" in panel.results.status_text


async def test_builtin_dot_product(data_dir: Path) -> None:
    app = TutorApp(data_dir=data_dir, highlight=False)
    try:
        lesson = app.course.lesson_of("linear-algebra/dot-product")
    except KeyError:
        pytest.skip("the built-in course has no linear-algebra/dot-product exercise")
    index = next(i for i, s in enumerate(lesson.steps) if getattr(s, "id", "") ==
                 "linear-algebra/dot-product")
    async with app.run_test(size=SIZE) as pilot:
        await open_lesson(app, pilot, lesson.id, index)
        assert isinstance(app.screen, LessonScreen)
        panel = app.screen.query_one(ExercisePanel)
        await pilot.press("ctrl+s")
        await finish(app, pilot)
        assert not panel.results.has_class("-passed")
        panel.editor.text = "def dot(a, b):\n    return float((a * b).sum())\n"
        await pilot.press("ctrl+s")
        await finish(app, pilot)
        assert panel.results.has_class("-passed"), panel.results.body_text
