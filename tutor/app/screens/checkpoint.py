"""A pillar checkpoint: every question at once, a score, pass or not."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Footer, Label, Static

from tutor.app.styles import SCREENS_CSS
from tutor.app.widgets.question import QuestionWidget
from tutor.app.widgets.steps import checkpoint_name
from tutor.lessons.model import CheckpointStep, Lesson, lesson_code, question_id

if TYPE_CHECKING:
    from tutor.app.app import TutorApp


def score_of(correct: int, total: int) -> float:
    return correct / total if total else 0.0


class CheckpointScreen(Screen[bool]):
    """Answer all questions, then submit; dismisses with whether it was passed."""

    CSS_PATH = SCREENS_CSS

    BINDINGS = [
        Binding("ctrl+s", "submit", "Submit"),
        Binding("escape", "leave", "Back"),
    ]

    def __init__(self, lesson: Lesson, step: CheckpointStep) -> None:
        super().__init__()
        self.lesson = lesson
        self.step = step
        self.submitted = False
        self.passed = False
        self.score = 0.0

    def compose(self) -> ComposeResult:
        count = len(self.step.questions)
        yield Label(f"{checkpoint_name(self.step.title)} · {count} questions · "
                    f"pass with {self.step.pass_score:.0%}", id="checkpoint-title", markup=False)
        with VerticalScroll(id="checkpoint-questions"):
            for number, question in enumerate(self.step.questions, start=1):
                yield QuestionWidget(question, question_id(self.lesson, question),
                                     immediate=False, number=number,
                                     lesson_code=lesson_code(self.lesson))
        yield Static("", id="checkpoint-score", classes="-hidden", markup=False)
        with Horizontal(id="checkpoint-bar"):
            yield Button("Submit answers", id="submit", variant="primary", compact=True)
            yield Button("Back to the lesson", id="leave", compact=True)
            yield Label("tab: next question", id="checkpoint-keys")
        yield Footer()

    def on_mount(self) -> None:
        first = self.query(QuestionWidget)
        if first:
            first.first().focus_answer()

    @on(Button.Pressed, "#submit")
    def action_submit(self) -> None:
        if self.submitted:
            self.action_leave()
            return
        widgets = list(self.query(QuestionWidget))
        results = [w.evaluate() for w in widgets]
        unanswered = [i + 1 for i, r in enumerate(results) if not r.valid]
        if unanswered:
            self.notify(f"Answer every question first (missing: "
                        f"{', '.join(map(str, unanswered))}).", severity="warning")
            return
        tutor = cast("TutorApp", self.app)
        for widget, result in zip(widgets, results, strict=True):
            widget.reveal(result)
            tutor.store.record_answer(widget.question_id, result.answer, result.correct)
        correct = sum(r.correct for r in results)
        self.score = score_of(correct, len(results))
        self.passed = self.step.passes(self.score)
        tutor.store.record_checkpoint(self.lesson.id, self.step.id, self.score, self.passed)
        tutor.warn_if_store_failed()
        self.submitted = True
        verdict = ("Passed ★" if self.passed else
                   "Not passed yet: read the answers, then retake it from the lesson.")
        score = self.query_one("#checkpoint-score", Static)
        score.update(f"{correct}/{len(results)} right ({self.score:.0%}). {verdict}")
        score.remove_class("-hidden")
        score.set_class(self.passed, "-passed")
        self.query_one("#submit", Button).label = "Done"
        self.query_one("#checkpoint-keys", Label).update("↑ ↓ scroll the answers")
        for widget in widgets:
            widget.disabled = True
        questions = self.query_one("#checkpoint-questions", VerticalScroll)
        questions.scroll_home(animate=False)
        questions.focus()  # the answers can be scrolled with the keyboard

    @on(Button.Pressed, "#leave")
    def action_leave(self) -> None:
        self.dismiss(self.passed)
