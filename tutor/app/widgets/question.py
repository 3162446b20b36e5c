"""A question: choice (radio buttons), or a typed answer (a number, a formula, a shape,
a short text), with feedback. A typed formula or shape is read back as it is typed."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.geometry import Size
from textual.message import Message
from textual.widgets import Button, Input, Markdown, RadioButton, RadioSet, Static

from tutor.app.prose import inline_code
from tutor.lessons.answers import AnswerResult, answer_text, check_answer, pointer, read_back
from tutor.lessons.display import labelled_markdown, lesson_markdown
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
                 number: int | None = None) -> None:
        super().__init__(classes="question")
        self.question = question
        self.question_id = question_id
        self.immediate = immediate
        self.number = number
        self.result: AnswerResult | None = None
        self.wrong_tries = 0
        self.revealed = False  # the right answer and the explanation are on screen

    def compose(self) -> ComposeResult:
        label = f"{self.number}." if self.number is not None else ""
        yield Markdown(labelled_markdown(label, lesson_markdown(self.question.prompt)),
                       classes="question-prompt")
        if isinstance(self.question, ChoiceQuestion):
            with RadioSet(classes="question-choices"):
                for choice in self.question.choices:
                    yield ChoiceButton(inline_code(convert_math(choice)))
            if self.immediate:
                yield Static(CHOICE_KEYS, classes="question-keys", markup=False)
        else:
            with Horizontal(classes="question-input-row"):
                yield Input(placeholder=placeholder(self.question), classes="question-input")
                if self.immediate:
                    yield Button("Answer", classes="question-answer", compact=True)
            if isinstance(self.question, READ_BACK):
                yield Static("", classes="question-readback", markup=False)
        yield Static("", classes="question-feedback", markup=False)
        yield Markdown("", classes="question-explanation")

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
