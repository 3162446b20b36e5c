"""The app says so, once, when a layer that contains the learner's code is off here."""

from __future__ import annotations

from dataclasses import dataclass, field

from tutor.app.screens.lesson import LessonScreen
from tutor.app.widgets.exercise import ExercisePanel

from .conftest import FakeEvaluator, open_lesson, settle

SIZE = (100, 32)


@dataclass
class WeakEvaluator(FakeEvaluator):
    """A fake evaluator on a machine without some layers (as Evaluator.missing_layers says)."""

    missing: list[str] = field(default_factory=list)

    def missing_layers(self) -> list[str]:
        return list(self.missing)


def _record_notes(app) -> list[tuple[str, str]]:
    """(title, message) of every notification the app posts from now on."""
    notes: list[tuple[str, str]] = []
    notify = app.notify

    def recording(message: str, *args, **kwargs):
        notes.append((str(kwargs.get("title", "")), str(message)))
        return notify(message, *args, **kwargs)

    app.notify = recording
    return notes


async def _check_twice(app, pilot) -> None:
    await open_lesson(app, pilot, "linear-algebra/basics", 3)
    assert isinstance(app.screen, LessonScreen)
    app.screen.query_one(ExercisePanel)
    for _ in range(2):
        await pilot.press("ctrl+s")
        await settle(app, pilot)


async def test_a_missing_layer_is_shown_once(make_app) -> None:
    weak = WeakEvaluator(missing=["allow-list root off (needs a mount namespace)"])
    app = make_app(weak)
    async with app.run_test(size=SIZE) as pilot:
        posted = _record_notes(app)
        await _check_twice(app, pilot)
        notes = [message for title, message in posted if title == "Sandbox"]
        assert len(notes) == 1
        assert "allow-list root off (needs a mount namespace)" in notes[0]
        assert "tutor doctor" in notes[0]


async def test_no_warning_when_every_layer_holds(make_app) -> None:
    strong = WeakEvaluator()
    app = make_app(strong)
    async with app.run_test(size=SIZE) as pilot:
        posted = _record_notes(app)
        await _check_twice(app, pilot)
        assert strong.calls == ["check", "check"]
        assert not [title for title, _ in posted if title == "Sandbox"]
