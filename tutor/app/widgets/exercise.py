"""An exercise: prompt, code editor, Run/Check in a worker, results, hints, solution.

The panel never touches the progress store: it posts messages (:class:`Checked`,
:class:`HintRevealed`, :class:`SolutionShown`, :class:`DraftChanged`) and the
lesson screen records them. Whether the solution is offered is the store's
decision (``ExerciseState.solution_unlocked``): the screen hands the panel the
exercise's state when it opens and again after each recorded check.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal, cast

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.reactive import reactive
from textual.timer import Timer
from textual.widgets import Button, Markdown, TextArea
from textual.worker import get_current_worker

from tutor.app.widgets.editor import CodeEditor
from tutor.app.widgets.results import ResultsPanel
from tutor.lessons.display import labelled_markdown, lesson_markdown
from tutor.lessons.model import ExerciseStep
from tutor.progress.records import SOLUTION_AFTER_FAILED_TRIES, ExerciseState

if TYPE_CHECKING:
    from tutor.app.app import TutorApp
    from tutor.grading.plotdata import PlotData
    from tutor.grading.verdict import RunResult, Verdict

DRAFT_DELAY = 0.8


def first_call(exercise: ExerciseStep) -> str | None:
    """How Run calls the learner's code: the function on the first fixed case (for a
    class, the lesson's driver given the class)."""
    if not exercise.cases:
        return None
    if exercise.entry == "class":
        return f"the lesson's drive({exercise.function}, {exercise.cases[0].args})"
    call = f"{exercise.function}({exercise.cases[0].args})"
    if exercise.also:
        call += f", and {', '.join(exercise.also)} on the same arguments"
    return call


class ExercisePanel(Vertical):
    """Write a function, run it, check it; hints and the solution on request."""

    BINDINGS = [
        Binding("ctrl+r", "run", "Run"),
        Binding("ctrl+s", "check", "Check"),
        Binding("ctrl+g", "hint", "Hint"),
        Binding("ctrl+l", "plot", "Plot"),
        # priority: the editor (a TextArea) would take F7 for "select all" otherwise
        Binding("f7", "show_solution", "Solution", show=False, priority=True),
        Binding("f8", "reset", "Reset code", show=False, priority=True),
        Binding("ctrl+down", "scroll_results(1)", "Scroll results down", show=False),
        Binding("ctrl+up", "scroll_results(-1)", "Scroll results up", show=False),
    ]

    busy: reactive[bool] = reactive(False, init=False)

    class Checked(Message):
        """A check finished (``verdict`` from the evaluator)."""

        def __init__(self, panel: ExercisePanel, verdict: Verdict, code: str,
                     hints_used: int) -> None:
            super().__init__()
            self.panel = panel
            self.exercise = panel.exercise
            self.verdict = verdict
            self.code = code
            self.hints_used = hints_used

        @property
        def control(self) -> ExercisePanel:
            return self.panel

    class HintRevealed(Message):
        def __init__(self, exercise: ExerciseStep, count: int) -> None:
            super().__init__()
            self.exercise = exercise
            self.count = count

    class SolutionShown(Message):
        def __init__(self, exercise: ExerciseStep) -> None:
            super().__init__()
            self.exercise = exercise

    class DraftChanged(Message):
        def __init__(self, exercise: ExerciseStep, code: str) -> None:
            super().__init__()
            self.exercise = exercise
            self.code = code

    def __init__(self, exercise: ExerciseStep, *, code: str | None = None,
                 state: ExerciseState | None = None) -> None:
        """``state``: the learner's record on this exercise, from the progress store."""
        super().__init__(id="exercise")
        self.exercise = exercise
        self.state = ExerciseState(exercise.id) if state is None else state
        self.initial_code = exercise.starter if code is None else code
        self.hints_shown = max(0, min(self.state.hints, len(exercise.hints)))
        self.solution_available = self.state.solution_unlocked
        self.passed_before = self.state.done
        self.plot_data: PlotData | None = None
        self._draft_timer: Timer | None = None
        self._draft_dirty = False

    @property
    def tutor(self) -> TutorApp:
        return cast("TutorApp", self.app)

    @property
    def editor(self) -> CodeEditor:
        return self.query_one(CodeEditor)

    @property
    def results(self) -> ResultsPanel:
        return self.query_one(ResultsPanel)

    def compose(self) -> ComposeResult:
        ex = self.exercise
        with VerticalScroll(id="exercise-prompt"):
            yield Markdown(lesson_markdown(ex.prompt), id="prompt-text")
            with Vertical(id="hints"):
                for i in range(self.hints_shown):
                    yield self._hint_markdown(i)
        yield CodeEditor(self.initial_code, highlight=self.tutor.highlight, id="editor")
        with Horizontal(id="exercise-buttons"):
            yield Button("Run", id="run", compact=True)
            yield Button("Check", id="check", variant="primary", compact=True)
            yield Button(self._hint_label(), id="hint", compact=True,
                         disabled=self.hints_shown >= len(ex.hints))
            yield Button("Solution", id="solution", compact=True, variant="warning",
                         classes="" if self.solution_available else "-hidden")
            yield Button("Reset", id="reset", compact=True)
            yield Button("Plot", id="plot", compact=True, classes="-hidden")
        yield ResultsPanel(id="results")

    def _hint_markdown(self, index: int) -> Markdown:
        text = lesson_markdown(self.exercise.hints[index])
        return Markdown(labelled_markdown(f"Hint {index + 1}.", text), classes="hint")

    def _hint_label(self) -> str:
        total = len(self.exercise.hints)
        if total == 0:
            return "No hints"
        return f"Hint {min(self.hints_shown + 1, total)}/{total}"

    def on_mount(self) -> None:
        self.editor.focus()
        if self.passed_before:
            self.results.show_info("✓ You have passed this exercise before.",
                                   "Your last code is in the editor; check it again any time.")

    # -- drafts ------------------------------------------------------------------------------

    @on(TextArea.Changed, "#editor")
    def _code_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        self._draft_dirty = True
        if self._draft_timer is not None:
            self._draft_timer.stop()
        self._draft_timer = self.set_timer(DRAFT_DELAY, self._post_draft)

    def _post_draft(self) -> None:
        if self._draft_dirty:
            self._draft_dirty = False
            self.post_message(self.DraftChanged(self.exercise, self.editor.text))

    def pending_draft(self) -> str | None:
        """Code typed since the last saved draft (the screen saves it on leaving)."""
        if self._draft_timer is not None:
            self._draft_timer.stop()
        if not self._draft_dirty:
            return None
        self._draft_dirty = False
        return self.editor.text

    # -- actions -------------------------------------------------------------------------------

    @on(Button.Pressed)
    def _button(self, event: Button.Pressed) -> None:
        actions = {"run": self.action_run, "check": self.action_check, "hint": self.action_hint,
                   "solution": self.action_show_solution, "reset": self.action_reset,
                   "plot": self.action_plot}
        if event.button.id in actions:
            event.stop()
            actions[event.button.id]()

    def action_run(self) -> None:
        self._start("run")

    def action_check(self) -> None:
        self._start("check")

    def action_hint(self) -> None:
        hints = self.exercise.hints
        if self.hints_shown >= len(hints):
            self.notify("There are no more hints for this exercise." if hints
                        else "This exercise has no hints.")
            return
        hint = self._hint_markdown(self.hints_shown)
        self.query_one("#hints").mount(hint)
        self.hints_shown += 1
        button = self.query_one("#hint", Button)
        button.label = self._hint_label()
        button.disabled = self.hints_shown >= len(hints)
        self.call_after_refresh(self.query_one("#exercise-prompt").scroll_to_widget, hint)
        self.post_message(self.HintRevealed(self.exercise, self.hints_shown))

    @property
    def failed_checks(self) -> int:
        """Distinct failed codes so far, as the store counts them."""
        return self.state.failed_tries

    def update_state(self, state: ExerciseState) -> None:
        """The store's record after a check: offer the solution once it unlocks.

        Once offered, the solution stays offered for the life of the panel (a store
        that stops answering must not take it away)."""
        unlocked = not self.solution_available and state.solution_unlocked
        self.state = state
        if not unlocked:
            return
        self.solution_available = True
        self.query_one("#solution", Button).remove_class("-hidden")
        if not state.passed:  # passing unlocks it too, to compare; the panel says "passed"
            self.results.add_note("Stuck? The solution is now available: F7 or the "
                                  "Solution button. Hints first, maybe (ctrl+g)?")

    def action_show_solution(self) -> None:
        if not self.solution_available:
            left = self.state.failed_tries_to_unlock
            self.notify(f"The solution is offered after {SOLUTION_AFTER_FAILED_TRIES} failed "
                        f"checks of different code ({left} to go). Try a hint first (ctrl+g).")
            return
        from tutor.app.screens.solution import SolutionScreen

        self.post_message(self.SolutionShown(self.exercise))
        self.app.push_screen(SolutionScreen(self.exercise), self._solution_closed)

    def _solution_closed(self, use_it: bool | None) -> None:
        if use_it:
            self.editor.replace_all(self.exercise.solution)
        self.editor.focus()

    def action_reset(self) -> None:
        self.editor.replace_all(self.exercise.starter)
        self.editor.focus()
        self.notify("Code reset to the starter (ctrl+z undoes).")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The footer shows Plot only once a check has produced one."""
        return action != "plot" or self.plot_data is not None

    def action_scroll_results(self, direction: int) -> None:
        results = self.results
        results.scroll_relative(y=direction * max(1, results.scrollable_content_region.height - 1),
                                animate=False)

    def action_plot(self) -> None:
        if self.plot_data is None:
            self.notify("Check your code first; the plot shows its results.")
            return
        from tutor.app.screens.plot import PlotScreen

        self.app.push_screen(PlotScreen(self.plot_data))

    # -- evaluation in a worker ----------------------------------------------------------------

    def _start(self, mode: Literal["run", "check"]) -> None:
        if self.busy:
            self.notify("Still working on the last request…")
            return
        self.busy = True
        self._evaluate(mode, self.editor.text)

    def watch_busy(self, busy: bool) -> None:
        self.results.loading = busy
        for name in ("run", "check"):
            self.query_one(f"#{name}", Button).disabled = busy

    @work(thread=True, exclusive=True, group="evaluate", exit_on_error=False)
    def _evaluate(self, mode: Literal["run", "check"], source: str) -> None:
        """Run or check off the UI thread; the evaluator is created on first use."""
        worker = get_current_worker()
        try:
            evaluator = self.tutor.evaluator()
            if mode == "check":
                outcome = evaluator.check(self.exercise, source)
            else:
                outcome = evaluator.run(self.exercise, source)
        except Exception as exc:  # the evaluator failing must not take the app down
            message = f"The evaluator failed: {type(exc).__name__}: {exc}"
            if not worker.is_cancelled:
                self.app.call_from_thread(self._finish_problem, message)
            return
        if worker.is_cancelled:
            return
        if mode == "check":
            self.app.call_from_thread(self._finish_check, outcome, source)
        else:
            self.app.call_from_thread(self._finish_run, outcome)

    def _finish_problem(self, message: str) -> None:
        self.busy = False
        self.results.show_problem(message + "\nYour code is safe; try again in a moment.")
        self.notify(message, severity="error", timeout=8, markup=False)

    def _finish_run(self, result: RunResult) -> None:
        self.busy = False
        self.tutor.warn_if_sandbox_weak()
        self.results.show_run(result, first_call(self.exercise))

    def _finish_check(self, verdict: Verdict, source: str) -> None:
        self.busy = False
        self.tutor.warn_if_sandbox_weak()
        self.results.show_verdict(verdict)
        self.plot_data = verdict.plot_data
        self.query_one("#plot", Button).set_class(self.plot_data is None, "-hidden")
        self.refresh_bindings()
        # the screen records the check and answers with update_state
        self.post_message(self.Checked(self, verdict, source, self.hints_shown))
