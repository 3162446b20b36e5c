"""Start-up: the start path stays light, and ``launch`` turns the app into an exit code."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.css.stylesheet import Stylesheet

from tutor.app import app as app_module
from tutor.app import launch as launch_module
from tutor.app.app import TutorApp
from tutor.app.screens.lesson import LessonScreen
from tutor.app.styles import SCREENS_CSS

from .conftest import open_lesson, until

NEVER_AT_START = ("torch", "scipy", "plotext", "textual_plotext", "tutor.grading",
                  "tutor.plots.render")


def test_importing_the_app_loads_no_heavy_module() -> None:
    code = ("import json, sys; import tutor.app.app; "
            f"print(json.dumps([m for m in {list(NEVER_AT_START) + ['numpy']!r} "
            "if m in sys.modules]))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert json.loads(out.stdout) == []


def test_the_first_screen_loads_no_evaluator_or_plotting(tmp_path: Path) -> None:
    code = f"""
import asyncio, json, sys
from tutor.app.app import TutorApp
async def main():
    app = TutorApp(data_dir={str(tmp_path)!r})
    async with app.run_test(size=(100, 32)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        print(json.dumps([m for m in {list(NEVER_AT_START)!r} if m in sys.modules]))
asyncio.run(main())
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, timeout=120)
    assert json.loads(out.stdout.strip().splitlines()[-1]) == []


@pytest.mark.parametrize(("result", "return_code", "expected"), [(None, 0, 0), (3, 3, 3)])
def test_launch_returns_the_exit_code(monkeypatch, tmp_path: Path, result, return_code,
                                      expected) -> None:
    seen: dict[str, object] = {}

    def fake_run(self: TutorApp) -> int | None:
        seen["dirs"] = (self.lessons_dir, self.data_dir)
        self._return_code = return_code
        return result

    monkeypatch.setattr(TutorApp, "run", fake_run)
    code = launch_module.launch(lessons_dir=str(tmp_path / "l"), data_dir=str(tmp_path / "d"))
    assert code == expected
    assert seen["dirs"] == (tmp_path / "l", tmp_path / "d")


@pytest.mark.parametrize("warm", [True, False])
def test_launch_reads_the_cached_index_before_the_app_runs(monkeypatch, tmp_path: Path,
                                                           lesson_tree: Path,
                                                           warm: bool) -> None:
    """launch() reads the course's index from a warm lesson cache and opens progress
    before the app runs, so the home screen finds them ready; the lesson models are left
    for later, and so is a cold cache's full load (the home screen's worker does it)."""
    from tutor.lessons.cache import load_index

    if warm:
        load_index(lesson_tree, tmp_path / "d")
    seen: dict[str, object] = {}

    def fake_run(self: TutorApp) -> int | None:
        seen["lessons"] = [entry.id for entry in self._index.lessons] if self._index else None
        seen["store"] = self._store is not None
        seen["models"] = self._course is not None
        return 0

    monkeypatch.setattr(TutorApp, "run", fake_run)
    assert launch_module.launch(lessons_dir=str(lesson_tree), data_dir=str(tmp_path / "d")) == 0
    lessons = ["linear-algebra/basics", "optimization/curves"] if warm else None
    assert seen == {"lessons": lessons, "store": True, "models": False}


def screens_css_read(app: TutorApp) -> bool:
    return app.stylesheet.has_source(str(SCREENS_CSS))


def count_reparses(monkeypatch: pytest.MonkeyPatch) -> list[None]:
    """One item per full re-parse of a stylesheet from now on."""
    calls: list[None] = []
    reparse = Stylesheet.reparse

    def counting(self: Stylesheet) -> None:
        calls.append(None)
        reparse(self)

    monkeypatch.setattr(Stylesheet, "reparse", counting)
    return calls


async def test_the_other_screens_styles_are_read_after_the_first_frame(
        make_app: Callable[..., TutorApp], monkeypatch: pytest.MonkeyPatch) -> None:
    """The first frame is drawn with home's styles alone; the rest are read just after,
    so the first lesson opened is styled with no re-parse of the whole stylesheet."""
    at_first_frame: list[bool] = []
    monkeypatch.setattr(TutorApp, "on_ready",
                        lambda self: at_first_frame.append(screens_css_read(self)),
                        raising=False)
    reparses = count_reparses(monkeypatch)
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await until(pilot, lambda: screens_css_read(app), "the other screens' styles")
        assert at_first_frame == [False]
        screen = await open_lesson(app, pilot, "linear-algebra/basics")
        assert isinstance(screen, LessonScreen)
        heading = screen.query_one("#step-heading")
        assert heading.styles.text_style.bold and heading.styles.height is not None
        assert str(heading.styles.height) == "1"  # from screens.tcss
    assert reparses == []


async def test_a_screen_opened_before_the_read_ahead_still_has_its_styles(
        make_app: Callable[..., TutorApp], monkeypatch: pytest.MonkeyPatch) -> None:
    """Each other screen names its stylesheet, so Textual reads it when it opens even if
    the app has not read it ahead (here: never)."""
    monkeypatch.setattr(app_module, "read_ahead", lambda stylesheet: None)
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        assert not screens_css_read(app)
        screen = await open_lesson(app, pilot, "linear-algebra/basics")
        assert screens_css_read(app)
        assert str(screen.query_one("#step-heading").styles.height) == "1"
