"""Recording what the step widgets report, for every screen that shows them (a lesson,
a review session): checks, hints, solution views, drafts and answers go to the
progress store here, and nowhere else."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.screen import Screen

from tutor.app.styles import SCREENS_CSS
from tutor.app.widgets.exercise import ExercisePanel
from tutor.app.widgets.question import QuestionWidget

if TYPE_CHECKING:
    from tutor.app.app import TutorApp
    from tutor.progress.records import ExerciseState


class RecordsSteps(Screen[None]):
    """A screen whose exercise panels and questions are recorded in progress.

    ``keeps_drafts``: typed code is saved as the exercise's draft (a review leaves the
    lesson's draft alone). Subclasses hear of a recorded check or answer through
    ``after_check`` / ``after_answer`` and choose the state a panel is given back
    (``exercise_state``)."""

    CSS_PATH = SCREENS_CSS

    keeps_drafts = True

    @property
    def tutor(self) -> TutorApp:
        return cast("TutorApp", self.app)

    def exercise_state(self, exercise_id: str) -> ExerciseState:
        """The state a panel is opened with and updated to after each check."""
        return self.tutor.store.exercise_state(exercise_id)

    def after_check(self, event: ExercisePanel.Checked) -> None:
        """A check was recorded."""

    def after_answer(self, event: QuestionWidget.Answered) -> None:
        """An answer was recorded."""

    def save_pending_draft(self) -> None:
        if not self.keeps_drafts:
            return
        for panel in self.query(ExercisePanel):
            code = panel.pending_draft()
            if code is not None:
                self.tutor.store.save_draft(panel.exercise.id, code)

    def on_exercise_panel_draft_changed(self, event: ExercisePanel.DraftChanged) -> None:
        if self.keeps_drafts:
            self.tutor.store.save_draft(event.exercise.id, event.code)
            self.tutor.warn_if_store_failed()

    def on_exercise_panel_checked(self, event: ExercisePanel.Checked) -> None:
        verdict = event.verdict
        store = self.tutor.store
        if self.keeps_drafts:
            store.save_draft(event.exercise.id, event.code)
        store.record_attempt(
            event.exercise.id,
            status=verdict.status,
            duration_ms=verdict.duration_ms,
            hints_used=event.hints_used,
            code=event.code,
            passed=verdict.passed,
            mistake=verdict.mistake,
        )
        self.tutor.warn_if_store_failed()
        event.panel.update_state(self.exercise_state(event.exercise.id))
        self.after_check(event)

    def on_exercise_panel_hint_revealed(self, event: ExercisePanel.HintRevealed) -> None:
        self.tutor.store.record_hint(event.exercise.id, event.count)
        self.tutor.warn_if_store_failed()

    def on_exercise_panel_solution_shown(self, event: ExercisePanel.SolutionShown) -> None:
        self.tutor.store.record_solution_shown(event.exercise.id)
        self.tutor.warn_if_store_failed()

    def on_question_widget_answered(self, event: QuestionWidget.Answered) -> None:
        self.tutor.store.record_answer(event.question_id, event.result.answer,
                                       event.result.correct)
        self.tutor.warn_if_store_failed()
        self.after_answer(event)
