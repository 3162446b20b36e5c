"""A lesson, one step at a time, with a table of contents; records what happens."""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container, Horizontal, Vertical
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Button, Footer, Label, OptionList
from textual.widgets.option_list import Option

from tutor.app.screens.recording import RecordsSteps
from tutor.app.widgets.exercise import ExercisePanel
from tutor.app.widgets.steps import (
    KIND_MARKS,
    CheckpointStepView,
    PlotStepView,
    QuestionStepView,
    TextStepView,
    step_title,
)
from tutor.lessons.model import (
    PILLAR_TITLES,
    CheckpointStep,
    ExerciseStep,
    Lesson,
    PlotStep,
    QuestionStep,
    TextStep,
)
from tutor.progress.mastery import checkpoint_passed

# what show_step fills: the last of them composed is the last mounted
STEP_WIDGETS = ("step-heading", "step-body", "previous", "step-counter", "next",
                "contents-list")


class LessonScreen(RecordsSteps):
    """Steps of one lesson; ctrl+n / ctrl+b move, ctrl+o shows the contents. What the
    steps report is recorded by ``RecordsSteps``."""

    BINDINGS = [
        # the Back and Next buttons show these keys, so the footer need not
        Binding("ctrl+n", "next_step", "Next", show=False),
        Binding("ctrl+b", "previous_step", "Back", show=False),
        # the same for terminals where ctrl+b is taken (tmux's prefix key)
        Binding("alt+right", "next_step", "Next", show=False),
        Binding("alt+left", "previous_step", "Back", show=False),
        Binding("ctrl+o", "toggle_contents", "Contents", show=False),
        Binding("escape", "home", "Home"),
    ]

    def __init__(self, lesson: Lesson, step_index: int = 0) -> None:
        super().__init__()
        self.lesson = lesson
        self.step_index = max(0, min(step_index, len(lesson.steps) - 1))

    @property
    def step(self) -> Any:
        return self.lesson.steps[self.step_index]

    def compose(self) -> ComposeResult:
        with Horizontal(id="lesson-body"):
            with Vertical(id="contents", classes="-hidden"):
                yield Label("Contents", classes="pane-title")
                yield OptionList(*[
                    Option(Content(f"{KIND_MARKS.get(s.kind, '·')} {i + 1}. {step_title(s)}"))
                    for i, s in enumerate(self.lesson.steps)
                ], id="contents-list")
            with Vertical(id="step-area"):
                yield Label("", id="step-heading", markup=False)
                yield Container(id="step-body")
                with Horizontal(id="step-nav"):
                    yield Button("◀ Back ^b", id="previous", compact=True)
                    yield Button("", id="step-counter", compact=True)
                    yield Button("^n Next ▶", id="next", compact=True)
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = f"{PILLAR_TITLES.get(self.lesson.pillar, '')} · {self.lesson.title}"
        self._show_when_mounted()

    def _show_when_mounted(self) -> None:
        """Show the first step once every widget it fills is mounted: a screen pushed
        while the app is busy (a lesson asked for while the models loaded) can get its
        Mount before its nested widgets are, so it tries again after the next refresh."""
        if all(self.query(f"#{name}") for name in STEP_WIDGETS):
            self.show_step(self.step_index)
        else:
            self.call_after_refresh(self._show_when_mounted)

    # -- showing steps -------------------------------------------------------------------------

    def show_step(self, index: int) -> None:
        """Replace the step view with step ``index`` and remember the position."""
        self.save_pending_draft()
        self.step_index = max(0, min(index, len(self.lesson.steps) - 1))
        step = self.step
        body = self.query_one("#step-body", Container)
        body.remove_children()
        try:
            view = self._view_for(step)
        except Exception as exc:  # a step the app cannot show must not end the lesson
            self.log.error(f"cannot show step {self.step_index}: {exc!r}")
            view = Label(f"This step cannot be shown: {exc}", markup=False)
        body.mount(view)
        total = len(self.lesson.steps)
        self.query_one("#step-heading", Label).update(
            f"{self.lesson.title} · {step_title(step)}")
        self.query_one("#step-counter", Button).label = (
            f"☰ step {self.step_index + 1} of {total} ^o")
        self.query_one("#previous", Button).disabled = self.step_index == 0
        last = self.step_index == total - 1
        self.query_one("#next", Button).label = "^n Done ✓" if last else "^n Next ▶"
        self.query_one("#contents-list", OptionList).highlighted = self.step_index
        self.tutor.store.set_position(self.lesson.id, self.step_index)
        self.tutor.warn_if_store_failed()
        if isinstance(step, TextStep | PlotStep):
            self.call_after_refresh(self._focus_step, view)

    def _focus_step(self, view: Widget) -> None:
        """The step takes the focus, or the first part of it that can (a plot's caption);
        a step with nothing to focus takes it from the contents list, hidden by now, so the
        arrow keys never move a list the learner cannot see."""
        if not view.is_attached:
            return
        parts = [view, *view.query("*")]
        self.set_focus(next((w for w in parts if w.focusable), None))

    def _view_for(self, step: Any) -> Widget:
        if isinstance(step, ExerciseStep):
            return self._exercise_panel(step)
        if isinstance(step, TextStep):
            return TextStepView(step)
        if isinstance(step, QuestionStep):
            return QuestionStepView(self.lesson, step)
        if isinstance(step, PlotStep):
            return PlotStepView(step)
        if isinstance(step, CheckpointStep):
            return CheckpointStepView(step, self._checkpoint_best(step))
        return Label(f"Unknown step kind {getattr(step, 'kind', '?')!r}.", markup=False)

    def _exercise_panel(self, step: ExerciseStep) -> ExercisePanel:
        store = self.tutor.store
        return ExercisePanel(step, code=store.draft(step.id), state=self.exercise_state(step.id))

    def _checkpoint_best(self, step: CheckpointStep) -> str | None:
        state = self.tutor.store.records().checkpoints.get((self.lesson.id, step.id))
        if state is None:
            return None
        mark = "passed ★" if checkpoint_passed(state) else "not passed yet"
        return f"Your best score so far: {state.best_score:.0%} ({mark})."

    # -- navigation ----------------------------------------------------------------------------

    def action_next_step(self) -> None:
        if isinstance(self.step, TextStep | PlotStep):
            self.tutor.store.record_step(self.lesson.id, self.step_index)
        if self.step_index < len(self.lesson.steps) - 1:
            self.show_step(self.step_index + 1)
        else:
            self._finish_lesson()

    def _finish_lesson(self) -> None:
        """The last step is done: "continue" now points at the next lesson, if any."""
        lessons = self.tutor.course.lessons
        ids = [lesson.id for lesson in lessons]
        following = ids.index(self.lesson.id) + 1 if self.lesson.id in ids else len(ids)
        message = f"You reached the end of “{self.lesson.title}”."
        if following < len(lessons):
            upcoming = lessons[following]
            self.tutor.store.set_position(upcoming.id, self.tutor.store.lesson_position(
                upcoming.id))
            message += f" Next: {upcoming.title} (press c)."
        self.notify(message, title="Lesson done", markup=False)
        self.action_home()

    def action_previous_step(self) -> None:
        if self.step_index > 0:
            self.show_step(self.step_index - 1)

    def action_toggle_contents(self) -> None:
        contents = self.query_one("#contents")
        contents.toggle_class("-hidden")
        if not contents.has_class("-hidden"):
            self.query_one("#contents-list", OptionList).focus()

    def action_home(self) -> None:
        contents = self.query_one("#contents")
        if not contents.has_class("-hidden"):
            contents.add_class("-hidden")
            return
        self.save_pending_draft()
        self.app.pop_screen()

    @on(Button.Pressed, "#next")
    def _next_pressed(self) -> None:
        self.action_next_step()

    @on(Button.Pressed, "#step-counter")
    def _counter_pressed(self) -> None:
        self.action_toggle_contents()

    @on(Button.Pressed, "#previous")
    def _previous_pressed(self) -> None:
        self.action_previous_step()

    @on(OptionList.OptionSelected, "#contents-list")
    def _contents_selected(self, event: OptionList.OptionSelected) -> None:
        self.query_one("#contents").add_class("-hidden")
        self.show_step(event.option_index)

    def on_unmount(self) -> None:
        self.save_pending_draft()

    def on_checkpoint_step_view_start(self, event: CheckpointStepView.Start) -> None:
        from tutor.app.screens.checkpoint import CheckpointScreen

        def finished(_passed: bool | None) -> None:
            self.show_step(self.step_index)

        self.app.push_screen(CheckpointScreen(self.lesson, event.step), finished)
