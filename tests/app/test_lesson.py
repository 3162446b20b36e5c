"""The lesson screen: steps one at a time, contents, remembered position, questions."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Markdown, OptionList, RadioSet, Static

from tutor.app.screens.lesson import LessonScreen
from tutor.app.widgets.exercise import ExercisePanel
from tutor.app.widgets.question import QuestionWidget
from tutor.app.widgets.steps import TextStepView
from tutor.progress import ProgressStore

from .conftest import click, open_lesson

SIZE = (100, 32)


async def open_basics(app, pilot, step: int | None = None) -> LessonScreen:
    screen = await open_lesson(app, pilot, "linear-algebra/basics", step)
    assert isinstance(screen, LessonScreen)
    return screen


async def test_next_and_previous_move_one_step(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_basics(app, pilot)
        assert screen.step_index == 0
        assert screen.query(TextStepView)
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert screen.step_index == 1
        assert screen.query(QuestionWidget)
        await pilot.press("ctrl+b")
        await pilot.pause()
        assert screen.step_index == 0
        await pilot.press("ctrl+b")  # already at the first step
        assert screen.step_index == 0


async def test_stray_latex_is_shown_as_unicode(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_basics(app, pilot)
        markdown = screen.query_one(TextStepView).query_one(Markdown)
        assert "∑ᵢ xᵢ² is the squared norm ‖x‖²" in markdown.source


async def test_contents_jumps_to_a_step(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_basics(app, pilot)
        await pilot.press("ctrl+o")
        await pilot.pause()
        contents = screen.query_one("#contents-list", OptionList)
        assert app.focused is contents
        assert contents.option_count == 5
        await pilot.press("down", "down", "down", "enter")
        await pilot.pause()
        assert screen.step_index == 3
        assert screen.query(ExercisePanel)
        assert screen.query_one("#contents").has_class("-hidden")


async def test_position_is_remembered(make_app, data_dir: Path) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_basics(app, pilot)
        await pilot.press("ctrl+n", "ctrl+n")
        await pilot.pause()
    with ProgressStore.open(data_dir) as store:
        assert store.position() == ("linear-algebra/basics", 2)
        assert store.lesson_position("linear-algebra/basics") == 2
    again = make_app()
    async with again.run_test(size=SIZE) as pilot:
        screen = await open_basics(again, pilot)
        assert screen.step_index == 2


async def test_choice_question_gives_feedback_and_is_recorded(make_app, data_dir: Path) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_basics(app, pilot, 1)
        question = screen.query_one(QuestionWidget)
        assert app.focused is question.query_one(RadioSet)
        await pilot.press("down", "enter")  # moves to "2" and picks it: that answers
        await pilot.pause()
        assert question.result is not None and question.result.correct
        assert question.has_class("-correct")
        explanation = question.query_one(".question-explanation", Markdown)
        assert "One and one make two." in explanation.source
    with ProgressStore.open(data_dir) as store:
        assert "linear-algebra/basics/pick-two" in store.records().questions_correct


async def test_numeric_question_accepts_a_fraction_and_rejects_nonsense(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_basics(app, pilot, 2)
        question = screen.query_one(QuestionWidget)
        assert app.focused is question.query_one(Input)
        await pilot.press(*"abc", "enter")
        await pilot.pause()
        assert question.result is None  # not a number: nothing recorded, a hint is shown
        question.query_one(Input).value = ""
        await pilot.press(*"1/4", "enter")
        await pilot.pause()
        assert question.result is not None and question.result.correct


async def test_a_wrong_answer_gets_a_second_try_before_the_answer_is_shown(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_basics(app, pilot, 4)
        question = screen.query_one(QuestionWidget)
        feedback = question.query_one(".question-feedback", Static)
        await pilot.press(*"half", "enter")
        await pilot.pause()
        assert question.result is not None and not question.result.correct
        assert question.has_class("-wrong") and not question.revealed
        assert "try once more" in str(feedback.render())
        assert "double" not in str(feedback.render())
        await pilot.press("ctrl+a", "ctrl+k", *"Twice ", "enter")
        await pilot.pause()
        assert question.result.correct and question.revealed


async def test_two_wrong_answers_reveal_the_right_one(make_app, data_dir: Path) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_basics(app, pilot, 1)
        question = screen.query_one(QuestionWidget)
        await pilot.press("enter")  # "1": wrong, try again
        await pilot.pause()
        assert not question.revealed
        await pilot.press("down", "down", "enter")  # "3": wrong again, the answer is shown
        await pilot.pause()
        assert question.revealed and question.has_class("-wrong")
        assert "The answer is: 2" in str(question.query_one(".question-feedback",
                                                             Static).render())
        assert "One and one make two." in question.query_one(".question-explanation",
                                                              Markdown).source
    with ProgressStore.open(data_dir) as store:
        assert "linear-algebra/basics/pick-two" not in store.records().questions_correct


async def test_done_on_the_last_step_goes_home(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_basics(app, pilot, 4)
        await click(pilot, "#next")
        await pilot.pause()
        assert not isinstance(app.screen, LessonScreen)
        assert screen.step_index == 4


async def test_escape_closes_the_contents_before_leaving(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_basics(app, pilot)
        await pilot.press("ctrl+o")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen and screen.query_one("#contents").has_class("-hidden")
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is not screen
