"""A review session in the app, on a fixed clock: home shows what is due, the exercise
reopens with its starter and fresh random cases, FSRS moves the cards, a summary ends it."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Button, Markdown

from tutor.app.screens.home import HomeScreen
from tutor.app.screens.review import ReviewScreen
from tutor.app.screens.solution import SolutionScreen
from tutor.app.widgets.exercise import ExercisePanel
from tutor.app.widgets.question import QuestionWidget
from tutor.progress import ProgressStore
from tutor.progress.rating import Rating
from tutor.progress.schedule import review

from .conftest import BASICS, FakeEvaluator, until

SIZE = (100, 32)
EXERCISE = "linear-algebra/double"
QUESTION = "linear-algebra/basics/pick-two"
STARTER = "def double(x):\n    return x\n"
RIGHT = "def double(x):\n    return 2 * x\n"
EARLIER = "def double(x):\n    return x + x\n"
YESTERDAY = datetime(2026, 12, 6, 10, 0).timestamp()
DAY = 86_400.0
RANDOM = """\
    random:
      - generator: |
          def generate(rng, size):
              return (float(rng.normal()),)
        count: 3
        seed: 5
    hints:
"""


class SetClock:
    def __init__(self, now: float) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


class RecordingEvaluator(FakeEvaluator):
    """The fake evaluator, keeping the exercises it was asked to check."""

    def __init__(self) -> None:
        super().__init__()
        self.checked: list[Any] = []

    def check(self, exercise: Any, source: str) -> Any:
        self.checked.append(exercise)
        return super().check(exercise, source)


@pytest.fixture
def random_tree(lesson_tree: Path) -> Path:
    """The app tests' tree, its exercise with a block of seeded random cases."""
    path = lesson_tree / "linear-algebra" / "01-basics.yaml"
    path.write_text(BASICS.replace("    hints:\n", RANDOM, 1))
    return lesson_tree


@pytest.fixture
def clock() -> SetClock:
    return SetClock(YESTERDAY)


@pytest.fixture
def learned(data_dir: Path, clock: SetClock) -> ProgressStore:
    """Yesterday: the exercise passed at once, then the choice question answered right."""
    store = ProgressStore.open(data_dir, clock=clock)
    store.save_draft(EXERCISE, EARLIER)
    store.record_attempt(EXERCISE, status="passed", duration_ms=1, hints_used=0, code=EARLIER,
                         passed=True)
    clock.now += 60
    store.record_answer(QUESTION, "1", True)
    clock.now = YESTERDAY + DAY + 3600  # today
    return store


async def test_a_review_session_reopens_the_starter_on_fresh_cases_and_moves_the_cards(
        random_tree: Path, data_dir: Path, learned: ProgressStore, clock: SetClock,
        home_ready: Any) -> None:
    from tutor.app.app import TutorApp

    store = learned
    before = store.review_cards()
    fake = RecordingEvaluator()
    app = TutorApp(lessons_dir=random_tree, data_dir=data_dir, store=store,
                   evaluator_factory=lambda: fake, highlight=False)
    async with app.run_test(size=SIZE) as pilot:
        await home_ready(app, pilot)
        button = app.screen.query_one("#review", Button)
        assert str(button.label) == "↻ Review · 2 due (r)"
        summary = app.screen.query_one("#lesson-summary")
        await until(pilot, lambda: "recall" in str(summary.render()), "the lesson's recall")
        assert re.search(r"recall \d+%", str(summary.render()))  # where mastery is shown
        await pilot.press("r")
        await until(pilot, lambda: isinstance(app.screen, ReviewScreen)
                    and bool(app.screen.query(ExercisePanel)), "the review's exercise")
        screen = app.screen
        panel = screen.query_one(ExercisePanel)
        assert panel.editor.text == STARTER  # the starter, not yesterday's solution
        assert panel.hints_shown == 0 and not panel.solution_available
        assert "item 1 of 2" in str(screen.query_one("#step-counter", Button).label)

        began = clock.now
        panel.editor.text = RIGHT
        await pilot.press("ctrl+s")
        await until(pilot, lambda: screen.rated is not None, "the review to be rated")
        lesson_seed = 5
        assert [b.seed for b in fake.checked[0].random] != [lesson_seed]  # fresh cases
        assert screen.rated.rating == Rating.Easy
        expected = review(before[EXERCISE], EXERCISE, "exercise", Rating.Easy, began)
        assert store.review_cards()[EXERCISE] == expected
        assert expected.due > clock.now + 7 * DAY
        assert "Reviewed: easy" in panel.results.body_text

        await pilot.press("f6")  # the code passed with yesterday, to compare
        await until(pilot, lambda: isinstance(app.screen, SolutionScreen), "earlier code")
        assert app.screen.code == EARLIER
        await pilot.press("escape")
        await until(pilot, lambda: app.screen is screen, "the review again")

        await pilot.press("ctrl+n")
        await until(pilot, lambda: bool(screen.query(QuestionWidget)), "the question")
        clock.now += 30
        await until(pilot, lambda: app.focused is not None
                    and app.focused.has_class("question-choices"), "the choices' focus")
        await pilot.press("enter")  # "1": wrong
        await until(pilot, lambda: screen.query_one(QuestionWidget).wrong_tries == 1,
                    "the wrong answer")
        assert screen.rated is None  # a wrong first answer only says so
        await pilot.press("down", "enter")  # "2": right, after a wrong one
        await until(pilot, lambda: screen.rated is not None, "the question's rating")
        assert screen.rated.rating == Rating.Again

        await pilot.press("ctrl+n")
        await until(pilot, lambda: screen.item is None, "the summary")
        summary = screen.query_one(Markdown).source
        assert "2 of 2 reviewed" in summary
        assert "Double it: easy" in summary and ": again, back tomorrow" in summary
        await pilot.press("ctrl+n")
        await until(pilot, lambda: isinstance(app.screen, HomeScreen)
                    and not app.screen.query("#review"), "home with nothing due")
    assert store.draft(EXERCISE) == EARLIER  # the lesson's draft was left alone
    assert store.review_cards()[QUESTION].due == pytest.approx(clock.now + DAY, abs=60)
    store.close()


async def test_leaving_a_review_after_a_failed_check_rates_it_again(
        random_tree: Path, data_dir: Path, learned: ProgressStore, clock: SetClock,
        home_ready: Any) -> None:
    from tutor.app.app import TutorApp

    store = learned
    app = TutorApp(lessons_dir=random_tree, data_dir=data_dir, store=store,
                   evaluator_factory=FakeEvaluator, highlight=False)
    async with app.run_test(size=SIZE) as pilot:
        await home_ready(app, pilot)
        await pilot.press("r")
        await until(pilot, lambda: isinstance(app.screen, ReviewScreen)
                    and bool(app.screen.query(ExercisePanel)), "the review's exercise")
        screen = app.screen
        await pilot.press("ctrl+s")  # the starter returns x: wrong
        await until(pilot, lambda: screen.query_one(ExercisePanel).state.attempts == 1,
                    "the failed check to be recorded")
        assert screen.rated is None
        await pilot.press("escape", "escape")  # leave the editor, then the review
        await until(pilot, lambda: isinstance(app.screen, HomeScreen), "home")
        assert str(app.screen.query_one("#review", Button).label) == "↻ Review · 1 due (r)"
    assert store.review_cards()[EXERCISE].due == pytest.approx(clock.now + DAY, abs=60)
    store.close()
