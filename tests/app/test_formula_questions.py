"""Formula and shape questions in the app: the answer is read back as it is typed, an
unreadable one is pointed at, and the verdict repeats the reading."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Static

from tutor.app.screens.lesson import LessonScreen
from tutor.app.widgets.question import QuestionWidget
from tutor.progress import ProgressStore

from .conftest import open_lesson

SIZE = (100, 32)
LESSON = """\
id: calculus/slopes
title: Slopes
pillar: calculus
order: 1
summary: Typed derivatives.
steps:
  - kind: question
    question:
      type: expression
      id: sigmoid-slope
      prompt: "Write σ′(z) in terms of σ(z)."
      variables: {z: [-6, 6]}
      answer: "sigmoid(z) * (1 - sigmoid(z))"
      mistakes:
        - answer: "sigmoid(z) * (1 + sigmoid(z))"
          message: "Check the sign inside the bracket."
      explanation: σ′ = σ(1 − σ).
  - kind: question
    question:
      type: shape
      id: grad-shape
      prompt: W is (10, 784). What is the shape of ∂L/∂W?
      answer: [10, 784]
"""


def text_of(widget: Static) -> str:
    return str(widget.render())


async def open_slopes(app, pilot, lesson_tree: Path, step: int) -> QuestionWidget:
    await open_lesson(app, pilot, "calculus/slopes", step)
    assert isinstance(app.screen, LessonScreen)
    return app.screen.query_one(QuestionWidget)


async def test_typing_a_formula_reads_it_back_then_judges_it(make_app, lesson_tree: Path,
                                                              data_dir: Path) -> None:
    (lesson_tree / "calculus").mkdir(exist_ok=True)
    (lesson_tree / "calculus" / "01-slopes.yaml").write_text(LESSON)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        question = await open_slopes(app, pilot, lesson_tree, 0)
        readback = question.query_one(".question-readback", Static)
        feedback = question.query_one(".question-feedback", Static)
        assert app.focused is question.query_one(Input)
        await pilot.press(*"s(z)(1+s(z))")
        await pilot.pause()
        assert "Can't read that (at character 1): `s` is not a name I know" in text_of(readback)
        assert "s(z)(1+s(z))\n^" in text_of(readback)  # the caret under the s
        assert readback.has_class("-unreadable")
        await pilot.press("enter")
        await pilot.pause()
        assert question.result is None  # unreadable: not judged, not recorded
        question.query_one(Input).value = ""
        await pilot.press(*"σ(z)(1+σ(z))")
        await pilot.pause()
        assert text_of(readback) == "read as: σ(z)·(1 + σ(z))"
        assert not readback.has_class("-unreadable")
        await pilot.press("enter")
        await pilot.pause()
        assert question.result is not None and not question.result.correct
        assert text_of(feedback) == ("✗ σ(z)·(1 + σ(z)): Check the sign inside the bracket. "
                                     "Think again and try once more.")
        question.query_one(Input).value = ""
        await pilot.press(*"exp(-z)/(1+exp(-z))^2")
        await pilot.pause()
        assert text_of(readback) == "read as: exp(−z)/(1 + exp(−z))²"
        await pilot.press("enter")
        await pilot.pause()
        assert question.result.correct and question.revealed
        assert text_of(feedback) == "✓ exp(−z)/(1 + exp(−z))²: Correct."
    with ProgressStore.open(data_dir) as store:
        assert "calculus/slopes/sigmoid-slope" in store.records().questions_correct


async def test_a_shape_is_read_back_in_numpy_form(make_app, lesson_tree: Path) -> None:
    (lesson_tree / "calculus").mkdir(exist_ok=True)
    (lesson_tree / "calculus" / "01-slopes.yaml").write_text(LESSON)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        question = await open_slopes(app, pilot, lesson_tree, 1)
        await pilot.press(*"784 by 10")
        await pilot.pause()
        assert text_of(question.query_one(".question-readback", Static)) == \
            "read as: (784, 10)"
        await pilot.press("enter")
        await pilot.pause()
        assert "(784, 10): That is the transpose" in text_of(
            question.query_one(".question-feedback", Static))
