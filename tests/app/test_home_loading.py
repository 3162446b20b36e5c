"""The home screen lists the lessons, their marks, the pillars' progress and where
"continue" leads from the course's index and the progress store, before the lesson models
are loaded; a lesson asked for before the models are in opens as soon as they are."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from textual.widgets import Button, OptionList, Static

from tutor.app.app import TutorApp
from tutor.app.screens.home import HomeScreen
from tutor.app.screens.lesson import LessonScreen
from tutor.lessons.cache import CourseIndex, load_index
from tutor.lessons.pillars import PILLARS
from tutor.progress import ProgressStore

from .conftest import UNTIL_S, on_screen, record_notes, until

SIZE = (100, 32)


def shown_rows(home: HomeScreen) -> list[str]:
    """The lesson list's rows as text."""
    lessons = home.query_one("#lessons", OptionList)
    return [str(lessons.get_option_at_index(i).prompt) for i in range(lessons.option_count)]


def pillar_words(home: HomeScreen, pillar: str) -> str:
    """The second line the pillar list shows of ``pillar`` (bar and words)."""
    option = home.query_one("#pillars", OptionList).get_option(f"pillar-{pillar}")
    return str(option.prompt).splitlines()[1]


async def list_shown(app: TutorApp, pilot: object) -> HomeScreen:
    """Wait until the home screen has listed the lessons (and drawn what follows)."""
    await until(pilot, lambda: isinstance(app.screen, HomeScreen)
                and app.screen.listed is not None, "the lesson list")
    await pilot.pause()  # type: ignore[attr-defined]
    assert isinstance(app.screen, HomeScreen)
    return app.screen


@pytest.fixture
def held_models(monkeypatch: pytest.MonkeyPatch) -> Iterator[threading.Event]:
    """Loading the lesson models waits until the event is set (set at the end anyway, so
    no thread is left waiting)."""
    release = threading.Event()
    models = CourseIndex.course

    def held(self: CourseIndex) -> object:
        assert release.wait(UNTIL_S), "the test never let the models load"
        return models(self)

    monkeypatch.setattr(CourseIndex, "course", held)
    yield release
    release.set()


@pytest.fixture
def warm_index(lesson_tree: Path, data_dir: Path) -> CourseIndex:
    """The lesson cache filled, as after any earlier start."""
    return load_index(lesson_tree, data_dir)


async def test_the_list_and_progress_are_shown_from_the_index_while_the_models_load(
        make_app: Callable[..., TutorApp], data_dir: Path, held_models: threading.Event,
        warm_index: CourseIndex) -> None:
    with ProgressStore.open(data_dir) as store:  # mastered: ★ once progress is known
        store.record_attempt("linear-algebra/double", status="passed", duration_ms=1.0,
                             hints_used=0, code="", passed=True)
    app = make_app()
    notes = record_notes(app)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, HomeScreen) and bool(
            app.screen.query_one("#lessons", OptionList).option_count), "the lesson list")
        await pilot.pause()  # the highlighted lesson's summary follows the list
        home = app.screen
        assert isinstance(home, HomeScreen)
        # from the index alone: no lesson model is loaded yet
        assert not home.loaded and app._index is not None and app._index.loaded is None
        assert app._course is None
        assert shown_rows(home) == ["★ 1. Doubling basics"]
        assert pillar_words(home, "linear-algebra") == "━━━━━━━━━━ 1/1 ★ mastered"
        assert str(home.query_one("#lesson-summary", Static).render()) == (
            "A tiny lesson for the app tests.\n5 steps · 1/1 exercises done")
        button = home.query_one("#continue", Button)
        assert str(button.label) == "▶ Start: Doubling basics (step 1/5)" and button.disabled

        await pilot.press("enter")  # the pillar: to its lessons
        assert app.focused is home.query_one("#lessons", OptionList)
        await pilot.press("enter")  # open the lesson: it waits for the models
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen) and notes == []

        held_models.set()
        await on_screen(pilot, LessonScreen)  # opened as soon as the models are in
        assert app.screen.lesson.id == "linear-algebra/basics"
        assert home.loaded and app._course is not None
        assert shown_rows(home) == ["★ 1. Doubling basics"]
        assert pillar_words(home, "linear-algebra") == "━━━━━━━━━━ 1/1 ★ mastered"
        assert str(button.label) == "▶ Start: Doubling basics (step 1/5)"
        assert not button.disabled


async def test_the_list_opens_at_the_pillar_last_worked_in(
        make_app: Callable[..., TutorApp], data_dir: Path, held_models: threading.Event,
        warm_index: CourseIndex) -> None:
    with ProgressStore.open(data_dir) as store:
        store.set_position("optimization/curves", 1)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        home = await list_shown(app, pilot)
        pillars = home.query_one("#pillars", OptionList)
        assert pillars.highlighted == PILLARS.index("optimization")
        assert shown_rows(home) == ["○ 1. Curves and a checkpoint"]  # a position, no step done
        assert "Continue: Curves and a checkpoint" in str(home.query_one("#continue",
                                                                         Button).label)
        await pilot.press("c")  # before the models: it opens once they are in
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        held_models.set()
        await on_screen(pilot, LessonScreen)
        assert (app.screen.lesson.id, app.screen.step_index) == ("optimization/curves", 1)
        await pilot.press("escape")
        await on_screen(pilot, HomeScreen)
        assert pillars.highlighted == PILLARS.index("optimization")
        assert shown_rows(home) == ["○ 1. Curves and a checkpoint"]
        assert "Continue: Curves and a checkpoint" in str(home.query_one("#continue",
                                                                         Button).label)


async def test_the_learner_stays_where_they_went_while_the_models_loaded(
        make_app: Callable[..., TutorApp], data_dir: Path, held_models: threading.Event,
        warm_index: CourseIndex) -> None:
    """"continue" leads to optimization (linear algebra's only lesson is done), where the
    list opens; the learner goes back to linear algebra before the models are in, and
    stays there, on the same lesson, when they come."""
    with ProgressStore.open(data_dir) as store:
        for step in range(5):
            store.record_step("linear-algebra/basics", step)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        home = await list_shown(app, pilot)
        pillars = home.query_one("#pillars", OptionList)
        assert pillars.highlighted == PILLARS.index("optimization")
        await pilot.press(*["up"] * PILLARS.index("optimization"), "enter")
        assert shown_rows(home) == ["◐ 1. Doubling basics"]  # every step done, not passed
        held_models.set()
        await until(pilot, lambda: home.loaded, "the full load")
        await pilot.pause()
        assert pillars.highlighted == 0
        assert app.focused is home.query_one("#lessons", OptionList)
        assert home.query_one("#lessons", OptionList).highlighted == 0
        assert shown_rows(home) == ["◐ 1. Doubling basics"]


async def test_marks_claim_nothing_when_progress_cannot_be_read(
        make_app: Callable[..., TutorApp], home_ready: Callable[..., object],
        monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(self: ProgressStore, course: object) -> None:
        raise OSError("disk on fire")

    monkeypatch.setattr(ProgressStore, "mastery", broken)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await home_ready(app, pilot)
        assert isinstance(app.screen, HomeScreen)
        assert shown_rows(app.screen) == ["· 1. Doubling basics"]
        assert pillar_words(app.screen, "linear-algebra") == " …"


async def test_a_preloaded_index_is_listed_in_the_first_frame(
        make_app: Callable[..., TutorApp], data_dir: Path, held_models: threading.Event,
        warm_index: CourseIndex, monkeypatch: pytest.MonkeyPatch) -> None:
    """As `tutor` starts the app: the index is read before it runs, so the home screen
    lists the lessons as it mounts; its worker does not read them again."""

    def not_again(self: TutorApp) -> object:
        raise AssertionError("the worker read the listing again")

    with ProgressStore.open(data_dir) as store:
        store.record_attempt("linear-algebra/double", status="passed", duration_ms=1.0,
                             hints_used=0, code="", passed=True)
    app = make_app()
    app.preload()
    monkeypatch.setattr(TutorApp, "listing", not_again)
    async with app.run_test(size=SIZE) as pilot:
        home = app.screen
        assert isinstance(home, HomeScreen) and home.listed is not None
        assert shown_rows(home) == ["★ 1. Doubling basics"]
        held_models.set()
        await until(pilot, lambda: home.loaded, "the full load")
        assert shown_rows(home) == ["★ 1. Doubling basics"] and not home.failed


async def test_a_returning_learner_sees_only_the_pillar_they_continue_in(
        make_app: Callable[..., TutorApp], data_dir: Path, held_models: threading.Event,
        warm_index: CourseIndex, monkeypatch: pytest.MonkeyPatch) -> None:
    """Left off in the second pillar: the first frame lists its lessons, and the list is
    not rebuilt with the first pillar's (nor again with the same ones) on the way."""
    shown: list[str] = []
    show = HomeScreen._show_pillar

    def recording(self: HomeScreen, pillar: str, **kwargs: bool) -> None:
        shown.append(pillar)
        show(self, pillar, **kwargs)

    monkeypatch.setattr(HomeScreen, "_show_pillar", recording)
    with ProgressStore.open(data_dir) as store:
        store.set_position("optimization/curves", 1)
    app = make_app()
    app.preload()
    async with app.run_test(size=SIZE) as pilot:
        home = app.screen
        assert isinstance(home, HomeScreen)
        await pilot.pause()
        assert shown == ["optimization"]
        assert shown_rows(home) == ["○ 1. Curves and a checkpoint"]
        held_models.set()
        await until(pilot, lambda: home.loaded, "the full load")
        assert set(shown) == {"optimization"}
        await pilot.press("home")  # the learner moves to the first pillar: it is shown
        await until(pilot, lambda: shown[-1] == "linear-algebra", "the first pillar")
        assert shown_rows(home) == ["○ 1. Doubling basics"]
