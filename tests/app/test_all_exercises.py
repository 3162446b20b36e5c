"""Every exercise of the built-in course can be opened and checked in the app.

For each exercise: open its step, select all in the editor (ctrl+a), paste the
reference solution over it, press Check (ctrl+s) and read "passed" in the results
panel. One real sandboxed evaluator is shared by the whole module (injected through
the app's ``evaluator_factory``), so the warm workers are started once. For the first
exercise of each pillar, the starter code is checked too: it fails, with a message.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from textual import events

from tutor.app.app import TutorApp
from tutor.app.widgets.exercise import ExercisePanel
from tutor.lessons.loader import Course, load_course
from tutor.lessons.model import PILLARS, ExerciseStep

from .conftest import open_exercise, settle

SIZE = (80, 24)
COURSE: Course = load_course()
EXERCISES: list[ExerciseStep] = COURSE.exercises()
FIRST_OF_PILLAR: list[ExerciseStep] = [
    next(ex for ex in EXERCISES if COURSE.lesson_of(ex.id).pillar == pillar)
    for pillar in PILLARS
    if any(COURSE.lesson_of(ex.id).pillar == pillar for ex in EXERCISES)
]


class SharedEvaluator:
    """The module's evaluator as one app sees it: closing the app leaves it running."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner

    def check(self, exercise: ExerciseStep, source: str) -> Any:
        return self.inner.check(exercise, source)

    def run(self, exercise: ExerciseStep, source: str) -> Any:
        return self.inner.run(exercise, source)

    def close(self) -> None:
        """The module fixture closes the real evaluator once, at the end."""


@pytest.fixture(scope="module")
def evaluator() -> Iterator[SharedEvaluator]:
    from tutor.grading import Evaluator

    with Evaluator() as real:
        yield SharedEvaluator(real)


def step_index(exercise: ExerciseStep) -> int:
    lesson = COURSE.lesson_of(exercise.id)
    return next(i for i, step in enumerate(lesson.steps)
                if isinstance(step, ExerciseStep) and step.id == exercise.id)


async def open_course_exercise(app: TutorApp, pilot: Any, exercise: ExerciseStep) -> ExercisePanel:
    panel = await open_exercise(app, pilot, COURSE.lesson_of(exercise.id).id,
                                step_index(exercise))
    assert panel.exercise.id == exercise.id
    assert app.focused is panel.editor
    return panel


async def check(app: TutorApp, pilot: Any) -> None:
    await pilot.press("ctrl+s")
    await settle(app, pilot)


def make_app(tmp_path: Path, evaluator: SharedEvaluator) -> TutorApp:
    return TutorApp(data_dir=tmp_path / "data", course=COURSE, highlight=False,
                    evaluator_factory=lambda: evaluator)


def test_the_course_has_exercises() -> None:
    assert not COURSE.errors, COURSE.errors
    assert EXERCISES and len(FIRST_OF_PILLAR) >= 1


@pytest.mark.parametrize("exercise", EXERCISES, ids=[ex.id for ex in EXERCISES])
async def test_the_reference_solution_passes_in_the_app(exercise: ExerciseStep, tmp_path: Path,
                                                        evaluator: SharedEvaluator) -> None:
    app = make_app(tmp_path, evaluator)
    async with app.run_test(size=SIZE) as pilot:
        panel = await open_course_exercise(app, pilot, exercise)
        assert panel.editor.text == exercise.starter
        await pilot.press("ctrl+a")  # select everything, then paste over it
        panel.editor.post_message(events.Paste(exercise.solution))
        await pilot.pause()
        assert panel.editor.text == exercise.solution
        await check(app, pilot)
        results = panel.results
        assert results.has_class("-passed"), f"{results.status_text}\n{results.body_text}"
        assert results.status_text.startswith("✓ Passed")


@pytest.mark.parametrize("exercise", FIRST_OF_PILLAR, ids=[ex.id for ex in FIRST_OF_PILLAR])
async def test_the_starter_fails_with_a_message(exercise: ExerciseStep, tmp_path: Path,
                                               evaluator: SharedEvaluator) -> None:
    app = make_app(tmp_path, evaluator)
    async with app.run_test(size=SIZE) as pilot:
        panel = await open_course_exercise(app, pilot, exercise)
        await check(app, pilot)
        results = panel.results
        assert results.has_class("-failed"), results.status_text
        assert results.status_text[:1] in ("✗", "⏱"), results.status_text
        assert results.body_text.strip(), "a failed check says what went wrong"
