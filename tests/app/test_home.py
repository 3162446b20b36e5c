"""The home screen: pillars, their lessons, continue, course errors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from textual.app import App, ComposeResult
from textual.widgets import Button, OptionList, Static
from textual.widgets.option_list import Option

from tutor import cli
from tutor.app.app import TutorApp
from tutor.app.screens.home import HomeScreen
from tutor.app.screens.lesson import LessonScreen
from tutor.app.widgets.compactbutton import CompactButton
from tutor.app.widgets.lessonline import MarkedLine
from tutor.lessons.pillars import PILLARS
from tutor.progress import ProgressStore

from .conftest import on_screen

SIZE = (100, 32)


def pillar_lines(screen: HomeScreen, pillar: str) -> list[str]:
    """The two lines the pillar list shows of ``pillar``: title, then bar and words."""
    option = screen.query_one("#pillars", OptionList).get_option(f"pillar-{pillar}")
    return str(option.prompt).splitlines()


async def test_home_lists_the_six_pillars_and_the_first_pillars_lessons(make_app,
                                                                       home_ready) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await home_ready(app, pilot)
        assert isinstance(app.screen, HomeScreen)
        pillars = app.screen.query_one("#pillars", OptionList)
        assert [pillars.get_option_at_index(i).id for i in range(pillars.option_count)] == [
            f"pillar-{p}" for p in PILLARS]
        assert pillar_lines(app.screen, "calculus") == ["Calculus", " no lessons yet"]
        lessons = app.screen.query_one("#lessons", OptionList)
        assert lessons.option_count == 1
        assert lessons.get_option_at_index(0).id == "linear-algebra/basics"


async def test_moving_through_pillars_shows_their_lessons(make_app, home_ready) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await home_ready(app, pilot)
        lessons = app.screen.query_one("#lessons", OptionList)
        await pilot.press("down")  # calculus: no lessons in the fixture tree
        await pilot.pause()
        assert lessons.option_count == 0
        for _ in range(3):
            await pilot.press("down")
        await pilot.pause()
        assert app.screen.query_one("#pillars", OptionList).highlighted == PILLARS.index(
            "optimization")
        assert lessons.get_option_at_index(0).id == "optimization/curves"


async def test_enter_opens_the_pillar_then_the_lesson(make_app, home_ready) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await home_ready(app, pilot)
        await pilot.press("enter")
        assert app.focused is app.screen.query_one("#lessons", OptionList)
        await pilot.press("enter")
        await on_screen(pilot, LessonScreen)
        assert app.screen.lesson.id == "linear-algebra/basics"
        await pilot.press("escape")
        await on_screen(pilot, HomeScreen)


async def test_continue_goes_to_the_remembered_position(make_app, home_ready,
                                                        data_dir: Path) -> None:
    with ProgressStore.open(data_dir) as store:
        store.set_position("optimization/curves", 1)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await home_ready(app, pilot)
        label = str(app.screen.query_one("#continue", Button).label)
        assert "Continue: Curves and a checkpoint" in label
        await pilot.press("c")
        await on_screen(pilot, LessonScreen)
        assert (app.screen.lesson.id, app.screen.step_index) == ("optimization/curves", 1)


async def test_mastery_is_shown_after_passing(make_app, home_ready, data_dir: Path) -> None:
    with ProgressStore.open(data_dir) as store:
        store.record_attempt("linear-algebra/double", status="passed", duration_ms=1.0,
                             hints_used=0, code="", passed=True)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await home_ready(app, pilot)
        assert app.screen.mastery is not None
        assert app.screen.mastery.pillars["linear-algebra"].exercises_mastered == 1
        assert pillar_lines(app.screen, "linear-algebra") == ["Linear algebra",
                                                              "━━━━━━━━━━ 1/1 ★ mastered"]
        summary = app.screen.query_one("#lesson-summary", Static)
        assert "1/1 exercises done" in str(summary.render())


async def test_course_errors_are_listed_and_good_lessons_still_load(make_app, home_ready,
                                                                  lesson_tree: Path) -> None:
    (lesson_tree / "calculus").mkdir()
    (lesson_tree / "calculus" / "01-broken.yaml").write_text("id: calculus/broken\ntitle: [\n")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await home_ready(app, pilot)
        errors = app.screen.query("#course-errors")
        assert errors, "the home screen lists the loader's problems"
        assert "01-broken.yaml" in str(app.screen.query_one("#course-error-list").render())
        assert len(app.course.lessons) == 2


async def test_home_and_progress_json_count_done_and_mastered_alike(
        make_app, home_ready, data_dir: Path, lesson_tree: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    with ProgressStore.open(data_dir) as store:  # done (after the solution), not mastered
        store.record_solution_shown("linear-algebra/double")
        store.record_attempt("linear-algebra/double", status="passed", duration_ms=1.0,
                             hints_used=0, code="", passed=True)
        store.record_checkpoint("optimization/curves", "curves-check", 1.0, True)
    assert cli.main(["progress", "--json", "--lessons", str(lesson_tree),
                     "--data-dir", str(data_dir)]) == 0
    data = json.loads(capsys.readouterr().out)
    pillars = {p["pillar"]: p for p in data["pillars"]}
    lessons = {entry["lesson_id"]: entry for entry in data["lessons"]}
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await home_ready(app, pilot)
        assert app.screen.mastery is not None
        for pillar, shown in app.screen.mastery.pillars.items():
            expected = pillars[pillar]
            assert (shown.done, shown.total, shown.exercises_done, shown.exercises_mastered,
                    shown.mastered) == (expected["done"], expected["total"],
                                        expected["exercises_done"],
                                        expected["exercises_mastered"], expected["mastered"])
            label = pillar_lines(app.screen, pillar)[1]
            if expected["total"]:
                assert label.startswith(f"━━━━━━━━━━ {expected['done']}/{expected['total']}")
        assert app.screen.mastery is not None
        for lesson_id, mastery in app.screen.mastery.lessons.items():
            assert (mastery.done, mastery.total, mastery.mastered) == (
                lessons[lesson_id]["done"], lessons[lesson_id]["total"],
                lessons[lesson_id]["mastered"])
    # the numbers themselves: an exercise done but not mastered; a checkpoint counts as done
    assert (pillars["linear-algebra"]["done"], pillars["linear-algebra"]["total"]) == (1, 1)
    assert pillars["linear-algebra"]["exercises_mastered"] == 0
    assert not pillars["linear-algebra"]["mastered"]
    assert (pillars["optimization"]["done"], pillars["optimization"]["total"]) == (1, 1)
    assert pillars["optimization"]["mastered"]


async def test_titles_are_shown_whole_when_the_list_scrolls(tmp_path: Path, home_ready) -> None:
    """At 80x24 the built-in course's lessons overflow the list, so a scrollbar takes two
    columns; a title that needs a second line for it keeps that line, on the first screen
    and after moving through the pillars."""
    app = TutorApp(data_dir=tmp_path, highlight=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await home_ready(app, pilot)
        lessons = app.screen.query_one("#lessons", OptionList)

        def shown() -> str:
            rows = (lessons.render_line(y).text for y in range(lessons.size.height))
            return " ".join(" ".join(row.split()) for row in rows)

        for keys in ((), ("down", "up")):
            await pilot.press(*keys)
            await pilot.pause()
            listed = app.course.by_pillar()["linear-algebra"][:4]
            assert all(f"{i}. {lesson.title}" in shown()
                       for i, lesson in enumerate(listed, start=1)), shown()


async def test_a_long_title_wraps_under_itself_beside_its_mark() -> None:
    """A lesson row is its mark, then the number and title, whose further lines start
    under the title (not under the mark); a word wider than the room ends in "…"."""

    class Rows(App[None]):
        def compose(self) -> ComposeResult:
            yield OptionList(Option(MarkedLine("◐", "3. Gradient descent on a quadratic bowl")),
                             Option(MarkedLine("★", "4. Backpropagation")), compact=True)

    app = Rows()
    async with app.run_test(size=(16, 8)) as pilot:
        await pilot.pause()
        rows = app.query_one(OptionList)
        shown = [rows.render_line(y).text.rstrip() for y in range(5)]
    assert str(MarkedLine("◐", "3. Gradient")) == "◐ 3. Gradient"
    assert shown == ["◐ 3. Gradient", "  descent on a", "  quadratic bowl", "★ 4.",
                     "  Backpropagati…"]


BUTTON_LOOK = ("background", "color", "text_style", "text_opacity", "tint", "background_tint",
               "border_top", "border_right", "border_bottom", "border_left", "padding",
               "margin", "width", "min_width", "height", "line_pad", "text_align",
               "content_align_horizontal", "content_align_vertical", "link_color",
               "link_background", "link_style")


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
async def test_the_home_buttons_look_like_textuals_compact_button_in_every_state(
        theme: str) -> None:
    """CompactButton carries a copy of the rules of Button's CSS that a compact button of
    the default variant uses: in each state it must compute the same styles."""

    class Pair(App[None]):
        def compose(self) -> ComposeResult:
            yield Button("Continue", id="real", compact=True)
            yield CompactButton("Continue", id="copy", compact=True)
            yield Static("elsewhere", id="elsewhere")

    def look(button: Button) -> dict[str, str]:
        return {name: str(getattr(button.styles, name)) for name in BUTTON_LOOK}

    async def states(button: Button, pilot: Any) -> list[dict[str, str]]:
        """How ``button`` looks at rest, focused, hovered, pressed and disabled."""
        app.set_focus(None)
        await pilot.hover("#elsewhere")
        seen = [look(button)]
        button.focus()
        await pilot.pause()
        seen.append(look(button))
        app.set_focus(None)
        await pilot.hover(button)
        seen.append(look(button))
        button.add_class("-active")
        await pilot.pause()
        seen.append(look(button))
        button.remove_class("-active")
        await pilot.hover("#elsewhere")
        button.disabled = True
        await pilot.pause()
        seen.append(look(button))
        button.disabled = False
        return seen

    app = Pair()
    app.theme = theme
    async with app.run_test(size=(40, 6)) as pilot:
        real = await states(app.query_one("#real", Button), pilot)
        copy = await states(app.query_one("#copy", CompactButton), pilot)
    assert copy == real
    assert len({str(state) for state in real}) == 5  # each state does look different
