"""A question: choice (radio buttons), numeric or short answer, with feedback."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Button, Input, Markdown, RadioButton, RadioSet, Static

from tutor.app.answers import AnswerResult, AnyQuestion, answer_text, check_answer
from tutor.app.mathtext import convert_math
from tutor.lessons.model import ChoiceQuestion, NumericQuestion


class QuestionWidget(Vertical):
    """Asks one question. With ``immediate`` the learner gets feedback on Answer and
    an :class:`Answered` message goes up; otherwise the owner collects answers."""

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

    def compose(self) -> ComposeResult:
        prefix = f"**{self.number}.** " if self.number is not None else ""
        yield Markdown(prefix + convert_math(self.question.prompt), classes="question-prompt")
        if isinstance(self.question, ChoiceQuestion):
            with RadioSet(classes="question-choices"):
                for choice in self.question.choices:
                    yield RadioButton(Content(convert_math(choice)))
        else:
            placeholder = ("a number, e.g. 0.25 or 1/4" if isinstance(self.question,
                                                                      NumericQuestion)
                           else "your answer")
            with Horizontal(classes="question-input-row"):
                yield Input(placeholder=placeholder, classes="question-input")
                if self.immediate:
                    yield Button("Answer", classes="question-answer", compact=True)
        if self.immediate and isinstance(self.question, ChoiceQuestion):
            yield Button("Answer", classes="question-answer", compact=True)
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
        feedback = self.query_one(".question-feedback", Static)
        self.set_class(result.correct, "-correct")
        self.set_class(not result.correct, "-wrong")
        if result.correct:
            feedback.update(f"✓ {result.message}")
        else:
            feedback.update(f"✗ {result.message} The answer is: {answer_text(self.question)}")
        if self.question.explanation:
            self.query_one(".question-explanation", Markdown).update(
                convert_math(self.question.explanation))

    def _submit(self) -> None:
        result = self.evaluate()
        if not result.valid:
            self.query_one(".question-feedback", Static).update(result.message)
            return
        self.reveal(result)
        self.post_message(self.Answered(self, result))

    @on(Button.Pressed, ".question-answer")
    def _answer_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self._submit()

    @on(Input.Submitted, ".question-input")
    def _input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self.immediate:
            self._submit()
