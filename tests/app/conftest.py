"""Fixtures for the app tests: a small fixed lesson tree, a fresh data dir, a fake
evaluator with verdicts shaped like ``tutor.grading``'s (for deterministic screens)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import pytest

from tutor.app.app import TutorApp
from tutor.grading.plotdata import PlotData
from tutor.grading.verdict import CaseResult, RunResult, Verdict

BASICS = """\
id: linear-algebra/basics
title: Doubling basics
pillar: linear-algebra
order: 1
summary: A tiny lesson for the app tests.
steps:
  - kind: text
    title: Sums
    body: |
      The sum \\sum_i x_i^2 is the squared norm \\|x\\|^2.
  - kind: question
    question:
      type: choice
      id: pick-two
      prompt: Which number is 1 + 1?
      choices: ["1", "2", "3"]
      answer: 1
      explanation: One and one make two.
  - kind: question
    question:
      type: numeric
      id: a-quarter
      prompt: What is 1/4 as a decimal?
      answer: 0.25
      tolerance: 0.001
  - kind: exercise
    id: linear-algebra/double
    title: Double it
    prompt: Write `double(x)` that returns twice `x`.
    function: double
    starter: |
      def double(x):
          return x
    solution: |
      def double(x):
          return 2 * x
    cases:
      - name: two
        args: "2"
      - name: minus three
        args: "-3"
    hints:
      - Multiply by a number.
      - The number is 2.
  - kind: question
    question:
      type: short
      id: name-it
      prompt: What do we call x times two?
      answers: ["double", "twice"]
"""

PLOTS = """\
id: optimization/curves
title: Curves and a checkpoint
pillar: optimization
order: 1
summary: A plot step and a checkpoint.
steps:
  - kind: plot
    title: The sigmoid
    plot:
      kind: function
      params: {name: sigmoid}
    caption: It squashes every number into (0, 1).
  - kind: checkpoint
    id: curves-check
    title: Curves
    pass_score: 0.5
    questions:
      - type: choice
        id: squash
        prompt: Into which interval does the sigmoid squash numbers?
        choices: ["(0, 1)", "(-1, 1)"]
        answer: 0
      - type: numeric
        id: half
        prompt: What is sigmoid(0)?
        answer: 0.5
        tolerance: 0.01
"""


@pytest.fixture
def lesson_tree(tmp_path: Path) -> Path:
    """A lesson tree with one exercise lesson and one plot + checkpoint lesson."""
    root = tmp_path / "lessons"
    (root / "linear-algebra").mkdir(parents=True)
    (root / "optimization").mkdir()
    (root / "linear-algebra" / "01-basics.yaml").write_text(BASICS)
    (root / "optimization" / "01-curves.yaml").write_text(PLOTS)
    return root


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    path = tmp_path / "data"
    path.mkdir()
    return path


@dataclass
class FakeEvaluator:
    """Grades ``double`` by running the source in-process (tests only, trusted code)."""

    plot_data: PlotData | None = None
    closed: bool = False
    calls: list[str] = field(default_factory=list)

    def _function(self, source: str) -> Callable[[Any], Any]:
        namespace: dict[str, Any] = {}
        exec(compile(source, "<learner>", "exec"), namespace)  # noqa: S102 - test double
        return namespace["double"]

    def check(self, exercise: Any, source: str) -> Verdict:
        """A real Verdict, as the sandboxed evaluator would return."""
        self.calls.append("check")
        fn = self._function(source)
        cases = []
        for name, x in (("two", 2), ("minus three", -3)):
            got = fn(x)
            cases.append(CaseResult(name, got == 2 * x, repr(x), repr(2 * x), repr(got)))
        failing = next((c for c in cases if not c.passed), None)
        problems = [] if failing is None else ["Your result is half of the expected one."]
        return Verdict(exercise.id, "passed" if failing is None else "failed", cases,
                       failing, problems=problems, duration_ms=12.0, plot_data=self.plot_data)

    def draw(self, question: Any, solution: str | None, seeds: Any) -> list[Any]:
        """A question family's draws, its lesson code run in-process (tests only)."""
        from tutor.grading.families import draw_family

        self.calls.append("draw")
        return draw_family(evaluate_in_process, question, solution, seeds, 5.0)

    def run(self, exercise: Any, source: str) -> RunResult:
        self.calls.append("run")
        return RunResult(True, "", repr(self._function(source)(2)), duration_ms=5.0)

    def close(self) -> None:
        self.closed = True


def evaluate_in_process(exprs: list[str], solution: str | None, *, time_limit: float,
                        params: str | None = None, bind: Any = ()) -> list[Any]:
    """What ``Evaluator.eval_expressions`` does, in this process (trusted test code)."""
    import numpy as np

    from tutor.grading.verdict import Outcome

    namespace: dict[str, Any] = {"np": np}
    for source in (solution, params):
        if source:
            exec(compile(source, "<lesson>", "exec"), namespace)  # noqa: S102 - test double
    scope, results = namespace, []
    for k, expr in enumerate(exprs):
        try:
            value = eval(expr, scope)  # noqa: S307 - test double
        except Exception as exc:  # noqa: BLE001
            results.append(Outcome(expr, False, error=f"{type(exc).__name__}: {exc}"))
            continue
        if k in bind:
            scope = {**value, **namespace}
        results.append(Outcome(expr, True, value))
    return results


class BrokenEvaluator(FakeEvaluator):
    """An evaluator whose every call fails, as a crashed sandbox would."""

    def check(self, exercise: Any, source: str) -> Verdict:
        raise RuntimeError("sandbox worker died")


@pytest.fixture
def make_app(lesson_tree: Path, data_dir: Path) -> Callable[..., TutorApp]:
    """Build a TutorApp over the fixed lesson tree with a fake evaluator by default."""

    def build(evaluator: FakeEvaluator | None = None, **kwargs: Any) -> TutorApp:
        fake = evaluator or FakeEvaluator()
        kwargs.setdefault("evaluator_factory", lambda: fake)
        return TutorApp(lessons_dir=lesson_tree, data_dir=data_dir, highlight=False, **kwargs)

    return build


@pytest.fixture
def fake_evaluator() -> FakeEvaluator:
    return FakeEvaluator()


@pytest.fixture
def broken_evaluator() -> FakeEvaluator:
    return BrokenEvaluator()


async def _home_ready(app: TutorApp, pilot: Any) -> None:
    """Wait until the home screen has loaded the course and progress."""
    from tutor.app.screens.home import HomeScreen

    await app.workers.wait_for_complete()
    await pilot.pause()
    assert isinstance(app.screen, HomeScreen) and app.screen.loaded


@pytest.fixture
def home_ready() -> Callable[[TutorApp, Any], Any]:
    return _home_ready


def record_notes(app: TutorApp) -> list[tuple[str, str]]:
    """Every notification the app shows from now on, as (title, message)."""
    notes: list[tuple[str, str]] = []
    notify = app.notify

    def recording(message: str, *args: Any, **kwargs: Any) -> None:
        notes.append((str(kwargs.get("title", "")), str(message)))
        notify(message, *args, **kwargs)

    app.notify = recording  # type: ignore[method-assign]
    return notes


# -- waiting for the app: on a condition, never a fixed time --------------------------------

S = TypeVar("S")

UNTIL_S = 10.0  # an upper bound for a loaded machine, not a timing assumption


async def until(pilot: Any, condition: Callable[[], bool], what: str = "the app") -> None:
    """Let the app run until ``condition()`` holds (screens mount, then focus, after a
    refresh or two); fails saying ``what`` if it never does."""
    import time

    deadline = time.monotonic() + UNTIL_S
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting for {what}")
        await pilot.pause(0.01)


async def click(pilot: Any, target: Any, what: str = "") -> None:
    """Click ``target`` (a widget or a selector) as a user would: once it is shown and
    laid out (a button revealed by a class change has no place on screen until the next
    layout); fails if the click lands on anything else."""
    what = what or str(target)

    def shown() -> bool:
        found = pilot.app.screen.query(target) if isinstance(target, str) else [target]
        widget = next(iter(found), None)
        return (widget is not None and widget.display and widget.visible
                and widget.region.area > 0)

    await until(pilot, shown, f"{what} to be shown")
    assert await pilot.click(target), f"the click on {what} landed elsewhere"


async def settle(app: TutorApp, pilot: Any) -> None:
    """Let the app finish its workers (a check, a run, loading the course) and then the
    screen updates they post back (each a message that may post another)."""
    await app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


async def on_screen(pilot: Any, kind: type[S]) -> S:
    """Wait until the app shows a screen of ``kind`` (pushed or popped after a key or a
    click); returns it."""
    await until(pilot, lambda: isinstance(pilot.app.screen, kind), f"a {kind.__name__}")
    return pilot.app.screen


async def open_lesson(app: TutorApp, pilot: Any, lesson_id: str,
                      step: int | None = None) -> Any:
    """Open a lesson (at ``step``) and wait until its screen is up and the step is shown
    with the focus in it (the contents list has it for a moment first); a plot step,
    which takes no focus, only has to be mounted."""
    from tutor.app.screens.lesson import LessonScreen
    from tutor.lessons.model import PlotStep

    await app.workers.wait_for_complete()  # the home screen's loading
    app.open_lesson(lesson_id, step)

    def step_ready() -> bool:
        screen = app.screen
        body = screen.query("#step-body") if isinstance(screen, LessonScreen) else []
        if not body or not body.first().children:
            return False
        view = body.first().children[0]
        if not view.is_mounted:
            return False
        if isinstance(screen.step, PlotStep):  # its view cannot take the focus
            return True
        focused = app.focused
        return focused is not None and (focused is view or view in focused.ancestors)

    await until(pilot, step_ready, f"a step of {lesson_id} to be shown")
    return app.screen


async def open_exercise(app: TutorApp, pilot: Any, lesson_id: str = "linear-algebra/basics",
                        step: int = 3) -> Any:
    """Open the exercise at ``step`` of a lesson; returns its panel once it has the
    focus."""
    from tutor.app.widgets.exercise import ExercisePanel

    screen = await open_lesson(app, pilot, lesson_id, step)
    return screen.query_one(ExercisePanel)
