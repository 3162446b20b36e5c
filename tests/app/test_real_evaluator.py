"""The app with the real sandboxed evaluator: wrong and right solutions, Run, and
the built-in dot-product exercise."""

from __future__ import annotations

from pathlib import Path

import pytest

from tutor.app.app import TutorApp
from tutor.app.screens.lesson import LessonScreen
from tutor.app.widgets.exercise import ExercisePanel
from tutor.progress import ProgressStore

from .conftest import click, open_lesson, settle

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


async def test_a_shipped_family_draws_in_the_sandbox_and_draws_again(data_dir: Path) -> None:
    """The built-in broadcasting question: its numbers come from the sandbox, the
    drawn answer is judged, and New numbers shows other numbers."""
    from textual.widgets import Button, Input, Markdown

    from tests.app.conftest import until
    from tutor import paths
    from tutor.app.widgets.question import QuestionWidget

    app = TutorApp(lessons_dir=paths.builtin_lessons_dir(), data_dir=data_dir,
                   highlight=False)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        lesson = app.course.lesson("linear-algebra/broadcasting-and-vectorization")
        step = next(i for i, s in enumerate(lesson.steps)
                    if getattr(getattr(s, "question", None), "id", None) == "broadcast-outer")
        app.open_lesson(lesson.id, step)
        await until(pilot, lambda: isinstance(app.screen, LessonScreen)
                    and bool(app.screen.query(QuestionWidget)), "the question")
        question = app.screen.query_one(QuestionWidget)
        await until(pilot, lambda: question.drawn is not None and bool(question.query(Input)),
                    "the sandbox's draw")
        assert app.evaluator_started
        first = question.drawn.params["n"]
        prompt = question.query_one(".question-prompt", Markdown)
        assert f"a has shape ({first}, 1) and b has shape ({first},)" in prompt.source
        field = question.query_one(Input)
        await until(pilot, lambda: app.focused is field, "the answer field's focus")
        field.value = f"({first}, {first})"
        await pilot.press("enter")
        await until(pilot, lambda: question.result is not None, "the verdict")
        assert question.result.correct
        redraw = question.query_one(".question-redraw", Button)
        await click(pilot, redraw)
        await until(pilot, lambda: question.drawn.params["n"] != first
                    and question.result is None, "new numbers")
        assert f"({question.drawn.params['n']}, 1)" in prompt.source


async def test_a_torch_start_is_said_in_the_app(lesson_tree: Path, data_dir: Path) -> None:
    """The real evaluator calls ``on_torch_start`` as a torch worker starts (see
    tests/grading/test_torch.py); the app shows why the check takes seconds."""
    import threading

    from .conftest import record_notes

    app = TutorApp(lessons_dir=lesson_tree, data_dir=data_dir, highlight=False)
    async with app.run_test(size=SIZE) as pilot:
        notes = record_notes(app)
        evaluator = app.evaluator()
        assert evaluator.on_torch_start is not None  # type: ignore[attr-defined]
        thread = threading.Thread(target=evaluator.on_torch_start)  # type: ignore[attr-defined]
        thread.start()
        while thread.is_alive():
            await pilot.pause(0.01)
        await pilot.pause()
        assert [title for title, _ in notes] == ["First check"]
        assert notes[0][1].startswith("Starting PyTorch for this exercise's reference")
