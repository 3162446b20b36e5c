"""The app loads the course through the lesson cache: the same lessons from a warm cache,
and a damaged cache rebuilt with a notification (never a blank or broken home screen)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tutor.app.app import TutorApp
from tutor.app.screens.home import HomeScreen

from .conftest import record_notes, until


async def _home(make_app: Callable[..., TutorApp]) -> tuple[list[str], list[tuple[str, str]]]:
    """The lesson titles the home screen lists for the first pillar, and the notes."""
    app = make_app()
    notes = record_notes(app)
    async with app.run_test(size=(100, 32)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, HomeScreen) and app.screen.loaded,
                    "the lesson list")
        lessons = app.screen.query_one("#lessons")
        titles = [str(lessons.get_option_at_index(i).id) for i in range(lessons.option_count)]
        return titles, notes


async def test_a_damaged_lesson_cache_is_rebuilt_with_a_notification(
        make_app: Callable[..., TutorApp], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "cache"
    monkeypatch.setenv("TUTOR_CACHE_DIR", str(cache))
    first, notes = await _home(make_app)
    assert first == ["linear-algebra/basics"] and notes == []
    warm, notes = await _home(make_app)
    assert warm == first and notes == []
    for path in (cache / "lessons").glob("*.json"):
        path.write_text("garbage, not JSON")
    again, notes = await _home(make_app)
    assert again == first
    assert [title for title, _ in notes] == ["Lesson cache"]
    assert "damaged" in notes[0][1] and "rebuilt" in notes[0][1]
