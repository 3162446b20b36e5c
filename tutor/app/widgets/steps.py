"""The view of one lesson step: text, question, plot or checkpoint (exercises have
their own panel). :func:`step_title` names a step for the table of contents."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Button, Markdown

from tutor.app.widgets.plot import PlotView
from tutor.app.widgets.question import QuestionWidget
from tutor.lessons.display import lesson_markdown
from tutor.lessons.families import is_family, sketch
from tutor.lessons.mathtext import convert_math
from tutor.lessons.model import (
    CheckpointStep,
    ExerciseStep,
    Lesson,
    PlotStep,
    QuestionStep,
    Step,
    TextStep,
    lesson_code,
    question_id,
)
from tutor.safetext import clip

KIND_MARKS = {"text": "📖", "exercise": "✎", "question": "?", "plot": "📈", "checkpoint": "★"}


def step_title(step: Step) -> str:
    """A short name for a step, e.g. "Exercise: Write the dot product"."""
    if isinstance(step, TextStep):
        return step.title or first_line(step.body)
    if isinstance(step, ExerciseStep):
        return f"Exercise: {step.title}"
    if isinstance(step, QuestionStep):
        prompt = step.question.prompt
        return f"Question: {first_line(sketch(prompt) if is_family(step.question) else prompt)}"
    if isinstance(step, PlotStep):
        return f"Plot: {step.title}"
    if isinstance(step, CheckpointStep):
        return checkpoint_name(step.title)
    return "Step"


def checkpoint_name(title: str) -> str:
    """"Checkpoint: Curves", without saying "checkpoint" twice."""
    return title if "checkpoint" in title.lower() else f"Checkpoint: {title}"


def first_line(text: str, limit: int = 48) -> str:
    line = next((ln.strip(" #*") for ln in text.splitlines() if ln.strip()), "")
    line = convert_math(line)
    return clip(line, limit)


class TextStepView(VerticalScroll):
    """Prose, rendered as Markdown."""

    def __init__(self, step: TextStep) -> None:
        super().__init__(classes="step-view text-step")
        self.step = step

    def compose(self) -> ComposeResult:
        yield Markdown(lesson_markdown(self.step.body))


class QuestionStepView(VerticalScroll):
    """One question with immediate feedback."""

    def __init__(self, lesson: Lesson, step: QuestionStep) -> None:
        super().__init__(classes="step-view question-step")
        self.lesson = lesson
        self.step = step

    def compose(self) -> ComposeResult:
        question = self.step.question
        yield QuestionWidget(question, question_id(self.lesson, question),
                             lesson_code=lesson_code(self.lesson))

    def on_mount(self) -> None:
        self.query_one(QuestionWidget).focus_answer()


class PlotStepView(Vertical):
    """A built-in plot kind with its caption."""

    def __init__(self, step: PlotStep) -> None:
        super().__init__(classes="step-view plot-step")
        self.step = step

    def compose(self) -> ComposeResult:
        yield PlotView(kind=self.step.plot.kind, params=dict(self.step.plot.params),
                       title=self.step.title)
        if self.step.caption:
            with VerticalScroll(classes="plot-caption"):
                yield Markdown(lesson_markdown(self.step.caption))


class CheckpointStepView(VerticalScroll):
    """The entry to a checkpoint: what it covers and a button to start."""

    class Start(Message):
        def __init__(self, step: CheckpointStep) -> None:
            super().__init__()
            self.step = step

    def __init__(self, step: CheckpointStep, best: str | None = None) -> None:
        super().__init__(classes="step-view checkpoint-step")
        self.step = step
        self.best = best

    def compose(self) -> ComposeResult:
        step = self.step
        count = len(step.questions)
        text = (f"## {checkpoint_name(step.title)}\n\n{count} question{'s' * (count != 1)}; "
                f"answer {step.pass_score:.0%} right to pass. You can retake it any time.")
        if self.best:
            text += f"\n\n{self.best}"
        yield Markdown(text)
        yield Button("Start the checkpoint", id="start-checkpoint", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#start-checkpoint", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.post_message(self.Start(self.step))
