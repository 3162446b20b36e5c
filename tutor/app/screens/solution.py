"""The reference solution, shown on request after repeated failed checks (or other
code of the exercise, e.g. the learner's earlier solution after a review)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from tutor.app.styles import SCREENS_CSS
from tutor.app.widgets.editor import CodeEditor
from tutor.lessons.model import ExerciseStep

ADVICE = ("Read it, close it, then write it yourself: typing it is how it sticks. "
          "(escape closes, ctrl+u copies it into the editor)")


class SolutionScreen(ModalScreen[bool]):
    """Shows the solution (or ``code``, under ``heading`` and ``advice``) read-only;
    dismisses True to copy it into the editor."""

    CSS_PATH = SCREENS_CSS

    BINDINGS = [
        Binding("escape", "dismiss(False)", "Close", priority=True),
        Binding("ctrl+u", "use", "Copy into editor", priority=True),
    ]

    def __init__(self, exercise: ExerciseStep, *, code: str | None = None,
                 heading: str = "Solution", advice: str = ADVICE) -> None:
        super().__init__()
        self.exercise = exercise
        self.code = exercise.solution if code is None else code
        self.heading = heading
        self.advice = advice

    def compose(self) -> ComposeResult:
        with Vertical(id="solution-dialog"):
            yield Label(f"{self.heading}: {self.exercise.title}", id="solution-title",
                        markup=False)
            yield Static(self.advice, id="solution-advice", markup=False)
            yield CodeEditor(self.code, read_only=True,
                             highlight=getattr(self.app, "highlight", True), id="solution-code")
            with Horizontal(id="solution-buttons"):
                yield Button("Close", id="close", variant="primary", compact=True)
                yield Button("Copy into editor", id="use", compact=True)

    def on_mount(self) -> None:
        self.query_one("#close", Button).focus()

    @on(Button.Pressed, "#close")
    def _close(self) -> None:
        self.dismiss(False)

    @on(Button.Pressed, "#use")
    def action_use(self) -> None:
        self.dismiss(True)
