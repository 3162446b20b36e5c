"""A question: choice (radio buttons), or a typed answer (a number, a formula, a shape,
a short text), with feedback. A typed formula or shape is read back as it is typed.

A question family (``params``) is drawn in the sandbox, off the UI thread, when the
widget mounts; once its answer is shown, "New numbers" draws another instance."""

from __future__ import annotations

import secrets
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.geometry import Size
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Button, Input, Markdown, RadioButton, RadioSet, Static
from textual.worker import get_current_worker

from tutor.app.prose import inline_code
from tutor.lessons.answers import AnswerResult, answer_text, check_answer, pointer, read_back
from tutor.lessons.display import labelled_markdown, lesson_markdown
from tutor.lessons.families import Drawn, FamilyError, is_family, sketch
from tutor.lessons.mathtext import convert_math
from tutor.lessons.model import (
    AnyQuestion,
    ChoiceQuestion,
    ExpressionQuestion,
    NumericQuestion,
    ShapeQuestion,
)
from tutor.safetext import printable

TRIES_BEFORE_REVEAL = 2
DRAWS_PER_REQUEST = 8  # seeds per draw, so that a new instance differs from the last
DRAWING = "Drawing new numbers…"
CHOICE_KEYS = "↑ ↓ move · enter answers"
READ_BACK = (ExpressionQuestion, ShapeQuestion)  # shown as read while the learner types


def placeholder(question: AnyQuestion) -> str:
    """What the empty input suggests typing."""
    if isinstance(question, NumericQuestion):
        return "a number, e.g. 0.25 or 1/4"
    if isinstance(question, ShapeQuestion):
        return "a shape, e.g. (3, 4) or (5,)"
    if isinstance(question, ExpressionQuestion):
        return f"a formula in {', '.join(question.variables)}: + − · / ^ ² √ exp log σ …"
    return "your answer"


class ChoiceButton(RadioButton):
    """A radio button whose long label wraps onto more lines instead of being cut."""

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return max(1, self.render().get_height(self.styles, width))


class QuestionWidget(Vertical):
    """Asks one question.

    With ``immediate`` the learner gets feedback at once and an :class:`Answered`
    message goes up: a wrong first answer only says so (try again); the right answer
    and the explanation come with a right answer or the second wrong one. Without
    ``immediate`` (a checkpoint) the owner collects answers and calls :meth:`reveal`."""

    class Answered(Message):
        """The learner answered; the screen records it."""

        def __init__(self, widget: QuestionWidget, result: AnswerResult) -> None:
            super().__init__()
            self.widget = widget
            self.question_id = widget.question_id
            self.result = result

    def __init__(self, question: AnyQuestion, question_id: str, *, immediate: bool = True,
                 number: int | None = None, lesson_code: str | None = None) -> None:
        super().__init__(classes="question")
        self.template = question  # as the lesson states it (a family: with placeholders)
        self.question = question  # as the learner sees it (a family: the drawn instance)
        self.question_id = question_id
        self.immediate = immediate
        self.number = number
        self.lesson_code = lesson_code  # the names a family's compute may use
        self.family = is_family(question)
        self.drawn: Drawn | None = None
        self.draw_error: str | None = None
        self.result: AnswerResult | None = None
        self.wrong_tries = 0
        self.revealed = False  # the right answer and the explanation are on screen

    def compose(self) -> ComposeResult:
        yield Markdown(self._prompt(), classes="question-prompt")
        with Vertical(classes="question-answer-area"):
            if not self.family:
                yield from self._answer_widgets()
        yield Static(DRAWING if self.family else "", classes="question-feedback",
                     markup=False)
        yield Markdown("", classes="question-explanation")
        if self.family and self.immediate:
            yield Button("↻ New numbers", classes="question-redraw -hidden", compact=True)

    def on_mount(self) -> None:
        if self.family:
            self.draw()

    def _prompt(self) -> str:
        label = f"{self.number}." if self.number is not None else ""
        text = self.question.prompt if self.drawn or not self.family else \
            sketch(self.template.prompt)
        return labelled_markdown(label, lesson_markdown(text))

    def _answer_widgets(self) -> list[Widget]:
        """The choices or the input (and read-back) of the question shown."""
        if isinstance(self.question, ChoiceQuestion):
            buttons = [ChoiceButton(inline_code(convert_math(c))) for c in self.question.choices]
            widgets: list[Widget] = [RadioSet(*buttons, classes="question-choices")]
            if self.immediate:
                widgets.append(Static(CHOICE_KEYS, classes="question-keys", markup=False))
            return widgets
        row: list[Widget] = [Input(placeholder=placeholder(self.question),
                                   classes="question-input")]
        if self.immediate:
            row.append(Button("Answer", classes="question-answer", compact=True))
        widgets = [Horizontal(*row, classes="question-input-row")]
        if isinstance(self.question, READ_BACK):
            widgets.append(Static("", classes="question-readback", markup=False))
        return widgets

    # -- a family's draws ------------------------------------------------------------------

    def draw(self) -> None:
        """Draw a new instance (different numbers from the one shown, when the family has
        others), in a thread; the question shows it when it comes."""
        self.draw_error = None
        self.query_one(".question-feedback", Static).update(DRAWING)
        self._draw_in_thread(self.drawn.params if self.drawn else None)

    @work(thread=True, exclusive=True, group="draw", exit_on_error=False)
    def _draw_in_thread(self, shown: dict[str, Any] | None) -> None:
        worker = get_current_worker()
        seeds = [secrets.randbelow(2**31) for _ in range(DRAWS_PER_REQUEST)]
        try:
            results = self.app.evaluator().draw(  # type: ignore[attr-defined]
                self.template, self.lesson_code, seeds)
        except Exception as exc:  # the sandbox failing must not take the app down
            results = [FamilyError(f"{type(exc).__name__}: {exc}")]
        drawn = [r for r in results if isinstance(r, Drawn)]
        fresh = next((d for d in drawn if d.params != shown), drawn[0] if drawn else None)
        outcome: Drawn | str = fresh if fresh is not None else next(
            (str(r) for r in results if isinstance(r, FamilyError)), "no instance came back")
        if not worker.is_cancelled:
            self.app.call_from_thread(self._show_drawn, outcome)

    async def _show_drawn(self, outcome: Drawn | str) -> None:
        if not self.is_mounted:  # the learner moved on while the numbers were drawn
            return
        feedback = self.query_one(".question-feedback", Static)
        if isinstance(outcome, str):
            self.draw_error = outcome
            feedback.update(f"This question could not draw its numbers: {outcome} Please "
                            "report it.")
            for redraw in self.query(".question-redraw"):
                redraw.remove_class("-hidden")  # to try again
            return
        self.drawn, self.question = outcome, outcome.question
        self.result, self.wrong_tries, self.revealed = None, 0, False
        self.remove_class("-correct", "-wrong")
        feedback.update("")
        self.query_one(".question-explanation", Markdown).update("")
        self.query_one(".question-prompt", Markdown).update(self._prompt())
        area = self.query_one(".question-answer-area", Vertical)
        await area.remove_children()
        await area.mount_all(self._answer_widgets())
        for redraw in self.query(".question-redraw"):
            redraw.add_class("-hidden")
        focused = self.screen.focused
        if self.immediate or focused is None or self in focused.ancestors_with_self:
            self.focus_answer()  # a question step: its one question

    @on(Button.Pressed, ".question-redraw")
    def _redraw_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.draw()

    def focus_answer(self) -> None:
        """Put the keyboard on the choices or the input."""
        for selector in ("RadioSet", "Input"):
            found = self.query(selector)
            if found:
                found.first().focus()
                return

    def raw_answer(self) -> str | int | None:
        if isinstance(self.question, ChoiceQuestion):
            index = self.query_one(RadioSet).pressed_index
            return None if index < 0 else index
        return self.query_one(Input).value

    def evaluate(self) -> AnswerResult:
        """Judge the current answer (does not show feedback)."""
        if self.family and self.drawn is None:
            return AnswerResult(False, "", self.draw_error or DRAWING, valid=False)
        return check_answer(self.question, self.raw_answer())

    def reveal(self, result: AnswerResult) -> None:
        """Show whether ``result`` was right, the right answer and the explanation."""
        self.result = result
        self.revealed = True
        self._mark(result.correct)
        feedback = self.query_one(".question-feedback", Static)
        if result.correct:
            feedback.update(f"✓ {self._said(result)}")
        else:
            feedback.update(f"✗ {self._said(result)} The answer is: "
                            f"{convert_math(answer_text(self.question))}")
        if self.question.explanation:
            self.query_one(".question-explanation", Markdown).update(
                lesson_markdown(self.question.explanation))
        for redraw in self.query(".question-redraw"):
            redraw.remove_class("-hidden")

    def _said(self, result: AnswerResult) -> str:
        """The verdict's message, after the answer as it was read for a formula or shape."""
        if isinstance(self.question, READ_BACK) and result.read_as:
            return f"{printable(result.read_as)}: {result.message}"
        return result.message

    def _mark(self, correct: bool) -> None:
        self.set_class(correct, "-correct")
        self.set_class(not correct, "-wrong")

    def _submit(self) -> None:
        result = self.evaluate()
        if not result.valid:
            self.query_one(".question-feedback", Static).update(result.message)
            return
        if isinstance(self.question, READ_BACK):
            self.query_one(".question-readback", Static).update("")  # the verdict says it
        if not result.correct:
            self.wrong_tries += 1
        if result.correct or self.wrong_tries >= TRIES_BEFORE_REVEAL or self.revealed:
            self.reveal(result)
        else:
            self.result = result
            self._mark(False)
            self.query_one(".question-feedback", Static).update(
                f"✗ {self._said(result)} Think again and try once more.")
        self.post_message(self.Answered(self, result))

    @on(Button.Pressed, ".question-answer")
    def _answer_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self._submit()

    @on(Input.Changed, ".question-input")
    def _typed(self, event: Input.Changed) -> None:
        """Show how the text is read, or what cannot be read and where, as it is typed."""
        event.stop()
        if not isinstance(self.question, READ_BACK):
            return
        shown = self.query_one(".question-readback", Static)
        reading = read_back(self.question, event.value)
        shown.set_class(reading is not None and not reading[0], "-unreadable")
        if reading is None:
            shown.update("")
            return
        readable, text, at = reading
        if readable:
            shown.update(f"read as: {printable(text)}")
            return
        caret = pointer(event.value, at)
        shown.update(text if caret is None else f"{caret}\n{text}")

    @on(Input.Submitted, ".question-input")
    def _input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self.immediate:
            self._submit()

    @on(RadioSet.Changed, ".question-choices")
    def _choice_made(self, event: RadioSet.Changed) -> None:
        """Picking a choice (enter, space or a click) answers at once."""
        event.stop()
        if self.immediate:
            self._submit()
