"""The home screen's course picker, driven like a learner would."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import OptionList

from tutor.app.app import TutorApp
from tutor.app.screens.courses import CoursePicker
from tutor.app.screens.home import HomeScreen
from tutor.courses.registry import BUILTIN_ID
from tutor.paths import builtin_lessons_dir

from ..app.conftest import on_screen, settle, until
from .conftest import PackMaker

SIZE = (100, 32)


async def _home_loaded(app: TutorApp, pilot: object) -> HomeScreen:
    """The home screen once its course, progress and the installed courses are read."""
    await settle(app, pilot)
    await until(pilot, lambda: isinstance(app.screen, HomeScreen) and app.screen.loaded,
                "the home screen to load its course")
    screen = app.screen
    assert isinstance(screen, HomeScreen)
    return screen


async def test_picking_a_pack_switches_lessons_and_progress(make_pack: PackMaker,
                                                            tmp_path: Path) -> None:
    tree = make_pack("my-course")
    make_pack("bad-one", target="raise RuntimeError('gone')")
    data = tmp_path / "data"
    app = TutorApp(data_dir=data, highlight=False)
    async with app.run_test(size=SIZE) as pilot:
        home = await _home_loaded(app, pilot)
        assert home.check_action("courses", ()) is True
        assert app.current_course == BUILTIN_ID
        await pilot.press("s")
        picker = await on_screen(pilot, CoursePicker)
        options = picker.query_one("#course-list", OptionList)
        ids = [options.get_option_at_index(i).id for i in range(options.option_count)]
        assert ids == [BUILTIN_ID, "bad-one", "my-course"]
        assert options.highlighted == 0
        assert options.get_option_at_index(1).disabled  # the broken pack cannot be picked
        await pilot.press("down", "enter")  # skips the disabled entry
        await until(pilot, lambda: app.current_course == "my-course", "the course to change")
        home = await _home_loaded(app, pilot)
        assert app.current_course == "my-course"
        assert app.course.root == tree.resolve()
        lessons = home.query_one("#lessons", OptionList)
        assert lessons.get_option_at_index(0).id == "linear-algebra/vectors"
        assert app.store.path == data / "courses" / "my-course" / "progress.db"
        assert app.sub_title == "A pack for the tests"
        await pilot.press("s")
        await on_screen(pilot, CoursePicker)
        await pilot.press("escape")
        await until(pilot, lambda: app.screen is home, "the picker to close")
        assert app.screen is home and app.current_course == "my-course"


async def test_no_picker_with_only_the_builtin_course(tmp_path: Path) -> None:
    app = TutorApp(data_dir=tmp_path / "data", highlight=False)
    async with app.run_test(size=SIZE) as pilot:
        home = await _home_loaded(app, pilot)
        assert [c.id for c in app.installed] == [BUILTIN_ID]
        assert app.course.root == builtin_lessons_dir()
        assert not home.check_action("courses", ())
        await pilot.press("s")
        await pilot.pause()
        assert app.screen is home
