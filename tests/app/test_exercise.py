"""Exercises: editing, drafts, Run, Check (wrong and right), hints, solution, reset."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Button

from tutor.app.screens.home import HomeScreen
from tutor.app.screens.solution import SolutionScreen
from tutor.progress import ProgressStore

from .conftest import click, on_screen, open_exercise, settle, until

SIZE = (100, 32)
RIGHT = "def double(x):\n    return 2 * x\n"
EXERCISE = "linear-algebra/double"




async def test_editor_holds_the_starter_and_auto_indents(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        panel = await open_exercise(app, pilot)
        editor = panel.editor
        assert app.focused is editor
        assert editor.text == "def double(x):\n    return x\n"
        editor.move_cursor(editor.document.end)
        await pilot.press(*"def f(y):", "enter", *"return y")
        assert editor.text.endswith("def f(y):\n    return y")


async def test_wrong_then_right_solution(make_app, data_dir: Path, fake_evaluator) -> None:
    fake = fake_evaluator
    app = make_app(fake)
    async with app.run_test(size=SIZE) as pilot:
        panel = await open_exercise(app, pilot)
        assert not app.evaluator_started, "the evaluator starts on the first Run/Check"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert fake.calls == ["check"]
        assert panel.results.has_class("-failed")
        assert "Not yet" in panel.results.status_text
        body = panel.results.body_text
        assert "half of the expected" in body
        assert "Case: two" in body and "Expected: 4" in body and "Got: 2" in body
        panel.editor.text = RIGHT
        await click(pilot, "#check")
        await settle(app, pilot)
        assert panel.results.has_class("-passed")
        assert "Passed: all 2 cases" in panel.results.status_text
    assert fake.closed, "the evaluator is closed on exit"
    with ProgressStore.open(data_dir) as store:
        state = store.exercise_state(EXERCISE)
        assert state.attempts == 2 and state.passed and state.mastered
        assert store.draft(EXERCISE) == RIGHT


async def test_run_shows_the_returned_value(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        panel = await open_exercise(app, pilot)
        panel.editor.text = RIGHT
        await pilot.press("ctrl+r")
        await settle(app, pilot)
        assert "Returned: 4" in panel.results.body_text


async def test_hints_are_revealed_one_at_a_time(make_app, data_dir: Path) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        panel = await open_exercise(app, pilot)
        assert str(panel.query_one("#hint", Button).label) == "Hint 1/2"
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert len(panel.query(".hint")) == 1
        await click(pilot, "#hint")
        await pilot.pause()
        assert len(panel.query(".hint")) == 2
        assert panel.query_one("#hint", Button).disabled
        await pilot.press("ctrl+g")  # no more: a notice, nothing breaks
        await pilot.pause()
        assert len(panel.query(".hint")) == 2
    with ProgressStore.open(data_dir) as store:
        assert store.exercise_state(EXERCISE).hints == 2


async def test_solution_is_offered_after_three_failed_checks(make_app, data_dir: Path) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        panel = await open_exercise(app, pilot)
        solution = panel.query_one("#solution", Button)
        await pilot.press("f7")  # too early: only a notice
        await pilot.pause()
        assert not isinstance(app.screen, SolutionScreen)
        for attempt in range(3):
            assert solution.has_class("-hidden")
            panel.editor.text = panel.editor.text + f"\n# try {attempt}\n"
            await pilot.press("ctrl+s")
            await settle(app, pilot)
        assert not solution.has_class("-hidden")
        await click(pilot, "#solution")
        await on_screen(pilot, SolutionScreen)
        await click(pilot, "#use")
        await pilot.pause()
        assert panel.editor.text == RIGHT
    with ProgressStore.open(data_dir) as store:
        assert store.exercise_state(EXERCISE).solution_shown


async def test_checking_the_same_code_again_is_not_a_new_try(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        panel = await open_exercise(app, pilot)
        for _ in range(4):
            await pilot.press("ctrl+s")
            await settle(app, pilot)
        assert panel.failed_checks == 1
        assert panel.query_one("#solution", Button).has_class("-hidden")


async def test_identical_failed_checks_keep_the_solution_locked_after_reopening(
        make_app, data_dir: Path) -> None:
    wrong = "def double(x):\n    return x\n"  # the starter: fails
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        panel = await open_exercise(app, pilot)
        for _ in range(4):
            await pilot.press("ctrl+s")
            await settle(app, pilot)
        assert panel.failed_checks == 1
        await pilot.press("escape", "escape")  # leave the editor, then the lesson
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        panel = await open_exercise(app, pilot)  # reopened in the same session
        assert panel.failed_checks == 1
        assert panel.query_one("#solution", Button).has_class("-hidden")
    again = make_app()  # and after a restart
    async with again.run_test(size=SIZE) as pilot:
        panel = await open_exercise(again, pilot)
        assert panel.failed_checks == 1
        assert panel.query_one("#solution", Button).has_class("-hidden")
        await pilot.press("f7")
        await pilot.pause()
        assert not isinstance(again.screen, SolutionScreen)
        panel.editor.text = wrong + "   \n\n"  # trailing whitespace: the same try
        await pilot.press("ctrl+s")
        await settle(again, pilot)
        assert panel.failed_checks == 1
        assert panel.query_one("#solution", Button).has_class("-hidden")
    with ProgressStore.open(data_dir) as store:
        state = store.exercise_state(EXERCISE)
        assert (state.attempts, state.failed_tries, state.solution_unlocked) == (5, 1, False)


async def test_three_distinct_failed_codes_unlock_the_solution_across_a_restart(
        make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        panel = await open_exercise(app, pilot)
        for code in ("return x", "return x + 1", "return x"):  # the third is no new try
            panel.editor.text = f"def double(x):\n    {code}\n"
            await pilot.press("ctrl+s")
            await settle(app, pilot)
        assert panel.failed_checks == 2
        assert panel.query_one("#solution", Button).has_class("-hidden")
    again = make_app()
    async with again.run_test(size=SIZE) as pilot:
        panel = await open_exercise(again, pilot)
        assert panel.failed_checks == 2
        solution = panel.query_one("#solution", Button)
        assert solution.has_class("-hidden")
        panel.editor.text = "def double(x):\n    return 3 * x\n"
        await pilot.press("ctrl+s")
        await settle(again, pilot)
        assert panel.failed_checks == 3 and not solution.has_class("-hidden")
        assert "The solution is now available" in panel.results.body_text
    third = make_app()
    async with third.run_test(size=SIZE) as pilot:
        panel = await open_exercise(third, pilot)
        assert not panel.query_one("#solution", Button).has_class("-hidden")
        await pilot.press("f7")
        await on_screen(pilot, SolutionScreen)


async def test_reset_restores_the_starter_and_drafts_survive(make_app, data_dir: Path) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        panel = await open_exercise(app, pilot)
        panel.editor.text = "def double(x):\n    return x + x\n"
        await pilot.press("ctrl+n")  # leaving the step saves the draft at once
        await pilot.pause()
    with ProgressStore.open(data_dir) as store:
        assert store.draft(EXERCISE) == "def double(x):\n    return x + x\n"
    again = make_app()
    async with again.run_test(size=SIZE) as pilot:
        panel = await open_exercise(again, pilot)
        assert panel.editor.text == "def double(x):\n    return x + x\n"
        await click(pilot, "#reset")
        await pilot.pause()
        assert panel.editor.text == "def double(x):\n    return x\n"


async def test_draft_is_autosaved_while_typing(make_app, data_dir: Path) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        panel = await open_exercise(app, pilot)
        panel.editor.move_cursor(panel.editor.document.end)
        await pilot.press(*"# note")
        typed = "def double(x):\n    return x\n# note"
        await until(pilot, lambda: app.store.draft(EXERCISE) == typed, "the draft to be saved")
        with ProgressStore.open(data_dir) as store:
            assert store.draft(EXERCISE) == typed


async def test_an_evaluator_failure_is_reported_and_the_app_goes_on(make_app,
                                                                    broken_evaluator) -> None:
    app = make_app(broken_evaluator)
    async with app.run_test(size=SIZE) as pilot:
        panel = await open_exercise(app, pilot)
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert "sandbox worker died" in panel.results.body_text
        assert not panel.busy
        assert not panel.query_one("#check", Button).disabled
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert app.screen.step_index == 4



async def test_a_passed_exercise_says_so_when_reopened(make_app, data_dir: Path) -> None:
    with ProgressStore.open(data_dir) as store:
        store.record_attempt(EXERCISE, status="passed", duration_ms=1.0, hints_used=0,
                             code=RIGHT, passed=True)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        panel = await open_exercise(app, pilot)
        assert "passed this exercise before" in panel.results.status_text
        assert not panel.query_one("#solution", Button).has_class("-hidden")
