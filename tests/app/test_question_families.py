"""Question families in the app: the numbers are drawn when the question opens (off the
UI thread), the drawn answer is the one judged, and a second attempt ("New numbers")
or a reopened step shows new numbers."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Button, Input, Markdown, RadioSet, Static

from tests.app.conftest import FakeEvaluator, click, until
from tutor.app.screens.checkpoint import CheckpointScreen
from tutor.app.screens.lesson import LessonScreen
from tutor.app.widgets.question import QuestionWidget
from tutor.progress import ProgressStore

SIZE = (100, 36)
LESSON = """\
id: calculus/drawn
title: Drawn numbers
pillar: calculus
order: 5
summary: Questions that draw their numbers.
steps:
  - kind: question
    question:
      type: numeric
      id: times-three
      params: |
        def draw(rng):
            return {"a": int(rng.integers(1, 10**9))}
      prompt: What is three times {a}?
      compute: "3 * a"
      mistakes:
        - compute: "2 * a"
          message: That is twice {a}.
      explanation: 3 · {a} = {answer}.
  - kind: checkpoint
    id: drawn-check
    title: Drawn
    pass_score: 0.5
    questions:
      - type: choice
        id: bigger
        params: |
          def draw(rng):
              a, b = rng.choice(10**6, size=2, replace=False)
              return {"a": int(a), "b": int(b)}
        prompt: Which is larger?
        choices: ["{a}", "{b}"]
        compute: "0 if a > b else 1"
      - type: shape
        id: stacked
        params: |
          def draw(rng):
              return {"n": int(rng.integers(2, 10**6))}
        prompt: What is the shape of np.zeros(({n}, 3)).T?
        compute: "[3, n]"
"""


def prompt_of(question: QuestionWidget) -> str:
    return question.query_one(".question-prompt", Markdown).source


@pytest.fixture(autouse=True)
def drawn_lesson(lesson_tree: Path) -> None:
    (lesson_tree / "calculus").mkdir(exist_ok=True)
    (lesson_tree / "calculus" / "05-drawn.yaml").write_text(LESSON)


async def open_drawn(app, pilot, lesson_tree: Path, step: int = 0) -> LessonScreen:
    await app.workers.wait_for_complete()
    app.open_lesson("calculus/drawn", step)
    await until(pilot, lambda: isinstance(app.screen, LessonScreen)
                and bool(app.screen.query("#step-body > *")), "the lesson")
    return app.screen


async def drawn(pilot, question: QuestionWidget) -> None:
    await until(pilot, lambda: question.drawn is not None and bool(question.query(Input)),
                "the question's numbers")


async def test_a_family_shows_drawn_numbers_and_judges_the_drawn_answer(
        make_app, lesson_tree: Path, data_dir: Path) -> None:
    fake = FakeEvaluator()
    app = make_app(fake)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_drawn(app, pilot, lesson_tree)
        question = screen.query_one(QuestionWidget)
        await drawn(pilot, question)
        assert "draw" in fake.calls
        a = question.drawn.params["a"]
        assert f"What is three times {a}?" in prompt_of(question)
        assert "{a}" not in prompt_of(question)
        await until(pilot, lambda: app.focused is question.query_one(Input), "the focus")
        await pilot.press(*str(2 * a), "enter")
        await until(pilot, lambda: question.result is not None, "the verdict")
        feedback = str(question.query_one(".question-feedback", Static).render())
        assert f"That is twice {a}." in feedback  # the drawn mistake, with its message
        question.query_one(Input).value = ""
        await pilot.press(*str(3 * a), "enter")
        await until(pilot, lambda: question.result.correct, "the right answer")
        assert f"3 · {a} = {3 * a}." in question.query_one(".question-explanation",
                                                           Markdown).source
    with ProgressStore.open(data_dir) as store:
        assert "calculus/drawn/times-three" in store.records().questions_correct


async def test_a_second_attempt_and_a_reopened_step_show_new_numbers(
        make_app, lesson_tree: Path) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_drawn(app, pilot, lesson_tree)
        question = screen.query_one(QuestionWidget)
        await drawn(pilot, question)
        redraw = question.query_one(".question-redraw", Button)
        assert redraw.has_class("-hidden")  # no new numbers before the answer is shown
        first, first_prompt = question.drawn.params, prompt_of(question)
        await until(pilot, lambda: app.focused is question.query_one(Input), "the focus")
        await pilot.press(*str(3 * first["a"]), "enter")
        await until(pilot, lambda: not redraw.has_class("-hidden"), "the New numbers button")
        await click(pilot, redraw)
        await until(pilot, lambda: question.drawn.params != first and question.result is None
                    and bool(question.query(Input)), "a second instance")
        second = question.drawn.params
        assert prompt_of(question) != first_prompt
        assert f"What is three times {second['a']}?" in prompt_of(question)
        assert not question.has_class("-correct") and redraw.has_class("-hidden")
        # the old answer is wrong for the new numbers: the drawn answer is what is judged
        await until(pilot, lambda: app.focused is question.query_one(Input),
                    f"the focus {app.focused!r}")
        await pilot.press(*str(3 * first["a"]), "enter")
        await until(pilot, lambda: question.result is not None, "the verdict")
        assert not question.result.correct
        # reopening the step draws again
        screen.show_step(0)
        await until(pilot, lambda: screen.query(QuestionWidget)
                    and screen.query_one(QuestionWidget) is not question, "the step again")
        again = screen.query_one(QuestionWidget)
        await drawn(pilot, again)
        assert again.drawn.params not in (first, second)


async def test_a_checkpoint_draws_every_family_and_scores_the_drawn_answers(
        make_app, lesson_tree: Path) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_drawn(app, pilot, lesson_tree, step=1)
        await until(pilot, lambda: app.focused is screen.query_one("#start-checkpoint"),
                    "the start button")
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, CheckpointScreen), "the checkpoint")
        checkpoint = app.screen
        questions = list(checkpoint.query(QuestionWidget))
        await until(pilot, lambda: all(q.drawn is not None for q in questions)
                    and bool(checkpoint.query(RadioSet)), "the draws")
        bigger, stacked = questions
        a, b = bigger.drawn.params["a"], bigger.drawn.params["b"]
        labels = [str(button.label) for button in bigger.query("ChoiceButton")]
        assert labels == [str(a), str(b)]
        bigger.query_one(RadioSet).focus()
        await pilot.press(*(["down"] if b > a else []), "enter")
        await until(pilot, lambda: bigger.raw_answer() is not None, "the choice")
        assert bigger.raw_answer() == (1 if b > a else 0)
        stacked.query_one(Input).value = f"(3, {stacked.drawn.params['n']})"
        checkpoint.action_submit()
        await until(pilot, lambda: checkpoint.submitted, "the score")
        assert checkpoint.score == 1.0
        assert screen is not None


BROKEN = """\
id: calculus/broken-draw
title: A broken draw
pillar: calculus
order: 6
summary: A family whose draw fails.
steps:
  - kind: question
    question:
      type: numeric
      id: divides
      params: |
        def draw(rng):
            return {"a": 1 / 0}
      prompt: What is {a}?
      compute: "a"
"""


async def test_a_draw_that_fails_is_said_plainly_and_can_be_tried_again(
        make_app, lesson_tree: Path) -> None:
    (lesson_tree / "calculus" / "06-broken-draw.yaml").write_text(BROKEN)
    fake = FakeEvaluator()
    app = make_app(fake)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        app.open_lesson("calculus/broken-draw", 0)
        await until(pilot, lambda: isinstance(app.screen, LessonScreen)
                    and bool(app.screen.query(QuestionWidget)), "the question")
        question = app.screen.query_one(QuestionWidget)
        await until(pilot, lambda: question.draw_error is not None, "the failed draw")
        feedback = str(question.query_one(".question-feedback", Static).render())
        assert feedback.startswith("This question could not draw its numbers: draw(rng) "
                                   "fails (seed ")
        assert "ZeroDivisionError: division by zero" in feedback
        assert "Traceback" not in feedback and not question.query(Input)
        assert "What is a?" in prompt_of(question)  # the placeholder shown as its name
        assert not question.evaluate().valid
        redraw = question.query_one(".question-redraw", Button)
        assert not redraw.has_class("-hidden")
        draws = fake.calls.count("draw")
        await click(pilot, redraw)
        await until(pilot, lambda: fake.calls.count("draw") == draws + 1, "a second try")


async def test_a_due_family_is_reviewed_with_new_numbers(lesson_tree: Path, data_dir: Path,
                                                        home_ready) -> None:
    from tutor.app.app import TutorApp
    from tutor.app.screens.review import ReviewScreen

    now = [1_780_000_000.0]
    store = ProgressStore.open(data_dir, clock=lambda: now[0])
    store.record_answer("calculus/drawn/times-three", "21", True)  # numbers long gone
    now[0] += 3 * 86_400
    app = TutorApp(lessons_dir=lesson_tree, data_dir=data_dir, store=store,
                   evaluator_factory=FakeEvaluator, highlight=False)
    async with app.run_test(size=SIZE) as pilot:
        await home_ready(app, pilot)
        await pilot.press("r")
        await until(pilot, lambda: isinstance(app.screen, ReviewScreen)
                    and bool(app.screen.query(QuestionWidget)), "the review's question")
        screen = app.screen
        question = screen.query_one(QuestionWidget)
        await drawn(pilot, question)
        a = question.drawn.params["a"]
        assert f"What is three times {a}?" in prompt_of(question)
        await until(pilot, lambda: app.focused is question.query_one(Input), "the focus")
        await pilot.press(*str(3 * a), "enter")
        await until(pilot, lambda: screen.rated is not None, "the review's rating")
        assert question.result.correct
    store.close()
