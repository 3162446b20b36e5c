"""A review session: the items due today, one at a time, then a short summary.

An exercise reopens with its starter code (the lesson's draft is left alone) and is
checked on fresh random cases (``tutor.grading.cases.reseeded`` with a new seed per
review); hints start hidden, and the solution is offered as in a lesson, counting
only this review's checks. A question is asked again as it stands. When the item is
passed (or answered, or its answer shown), the store rates the review from what was
logged since it began (``ProgressStore.record_review``) and FSRS moves its card;
moving on without passing counts as a failed review if anything was tried, and
leaves the item due if nothing was.
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container, Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Footer, Label, Markdown

from tutor.app.screens.recording import RecordsSteps
from tutor.app.widgets.exercise import ExercisePanel
from tutor.app.widgets.question import QuestionWidget
from tutor.lessons.model import PILLAR_TITLES, lesson_code

if TYPE_CHECKING:
    from tutor.progress.due import ReviewItem
    from tutor.progress.rating import Rating
    from tutor.progress.records import ExerciseState
    from tutor.progress.schedule import CardRow

RATING_WORDS = {1: "again", 2: "hard", 3: "good", 4: "easy"}
EARLIER_ADVICE = ("The code you passed with before this review, to compare with "
                  "today's. (escape closes, ctrl+u copies it into the editor)")


@dataclass(frozen=True)
class Reviewed:
    """How one item of the session went: its rating and card after, or None (skipped)."""

    item: ReviewItem
    rating: Rating | None
    card: CardRow | None


def next_review(card: CardRow, now: float) -> str:
    """When a card comes back, in words: "tomorrow", "in 12 days (2026-12-19)"."""
    days = max(0, round((card.due - now) / 86_400))
    date = time.strftime("%Y-%m-%d", time.localtime(card.due))
    if days <= 1:
        return "tomorrow" if days == 1 else "later today"
    return f"in {days} days ({date})"


class ReviewScreen(RecordsSteps):
    """Serves ``items`` one at a time; ctrl+n moves on, F6 shows the earlier code."""

    BINDINGS = [
        Binding("ctrl+n", "next_item", "Next", show=False),
        Binding("alt+right", "next_item", "Next", show=False),
        # priority: the editor (a TextArea) would take the key otherwise
        Binding("f6", "earlier_code", "Earlier code", show=False, priority=True),
        Binding("escape", "leave", "Home"),
    ]
    keeps_drafts = False  # the lesson's draft is the learner's own solution: keep it

    def __init__(self, items: list[ReviewItem],
                 seed: Callable[[], int] = lambda: secrets.randbits(48)) -> None:
        """``seed``: a new seed for each exercise's random cases (tests pass their own)."""
        super().__init__()
        self.items = list(items)
        self.index = 0
        self.since = 0.0
        self.seed = seed
        self.done: list[Reviewed] = []
        self.rated: Reviewed | None = None  # the current item's outcome, once rated

    @property
    def item(self) -> ReviewItem | None:
        return self.items[self.index] if self.index < len(self.items) else None

    def compose(self) -> ComposeResult:
        with Vertical(id="step-area"):
            yield Label("", id="step-heading", markup=False)
            yield Container(id="step-body")
            with Horizontal(id="step-nav"):
                yield Button("Earlier code F6", id="earlier", compact=True, classes="-hidden")
                yield Button("", id="step-counter", compact=True, disabled=True)
                yield Button("", id="next", compact=True)
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Review"
        self.show_item(0)

    # -- serving items ---------------------------------------------------------------------

    def show_item(self, index: int) -> None:
        """Show item ``index`` (the summary after the last); its review begins now."""
        self.index, self.rated = index, None
        self.since = self.tutor.store.now()
        body = self.query_one("#step-body", Container)
        body.remove_children()
        self.query_one("#earlier", Button).add_class("-hidden")
        item = self.item
        counter = self.query_one("#step-counter", Button)
        if item is None:
            body.mount(VerticalScroll(Markdown(self.summary()), classes="step-view"))
            self.query_one("#step-heading", Label).update("Review · done")
            counter.label = f"{len(self.items)} item{'s' * (len(self.items) != 1)}"
            self._next_label("^n Home ✓")
            self.query_one("#next", Button).focus()
            return
        pillar = PILLAR_TITLES.get(item.pillar, item.pillar)
        self.query_one("#step-heading", Label).update(
            f"Review · {pillar} · {item.lesson.title} · {item.title}")
        counter.label = f"item {index + 1} of {len(self.items)}"
        self._next_label("^n Skip ▶")
        if item.step is not None:
            from tutor.grading.cases import reseeded

            fresh = reseeded(item.step, self.seed())
            body.mount(ExercisePanel(fresh, code=None, state=self.exercise_state(item.item_id)))
        elif item.question is not None:
            widget = QuestionWidget(item.question, item.item_id,  # a family draws anew
                                    lesson_code=lesson_code(item.lesson))
            body.mount(VerticalScroll(widget, classes="step-view question-step"))
            self.call_after_refresh(widget.focus_answer)

    def exercise_state(self, exercise_id: str) -> ExerciseState:
        """This review's checks only: the solution unlocks as in a lesson, hints hidden."""
        return self.tutor.store.exercise_state(exercise_id, since=self.since)

    def _next_label(self, label: str) -> None:
        self.query_one("#next", Button).label = label

    # -- rating ----------------------------------------------------------------------------

    def after_check(self, event: ExercisePanel.Checked) -> None:
        if event.verdict.passed and self.rated is None:
            self._rate()
            if self.rated is not None and self.rated.card is not None:
                event.panel.results.add_note(self._rated_text(self.rated) + " Press ctrl+n "
                                             "to go on; F6 shows the code you passed "
                                             "with before.")
            self.query_one("#earlier", Button).remove_class("-hidden")

    def after_answer(self, event: QuestionWidget.Answered) -> None:
        if self.rated is None and (event.result.correct or event.widget.revealed):
            self._rate()
            if self.rated is not None and self.rated.card is not None:
                self.notify(self._rated_text(self.rated) + " Press ctrl+n to go on.",
                            title="Reviewed", markup=False)

    def _rate(self) -> None:
        item = self.item
        if item is None:
            return
        result = self.tutor.store.record_review(item.kind, item.item_id, self.since)
        self.tutor.warn_if_store_failed()
        self.rated = Reviewed(item, *(result or (None, None)))
        last = self.index == len(self.items) - 1
        self._next_label("^n Finish ✓" if last else "^n Next ▶")

    def _rated_text(self, reviewed: Reviewed) -> str:
        assert reviewed.rating is not None and reviewed.card is not None
        word = RATING_WORDS[int(reviewed.rating)]
        return (f"Reviewed: {word}. It comes back "
                f"{next_review(reviewed.card, self.tutor.store.now())}.")

    def summary(self) -> str:
        """What the session did: each item, its rating and when it comes back."""
        now = self.tutor.store.now()
        rated = [r for r in self.done if r.rating is not None]
        lines = ["## Review done", "",
                 f"{len(rated)} of {len(self.items)} reviewed." if self.items else
                 "Nothing was due.", ""]
        for reviewed in self.done:
            if reviewed.rating is None or reviewed.card is None:
                lines.append(f"- {reviewed.item.title}: skipped, still due")
            else:
                lines.append(f"- {reviewed.item.title}: {RATING_WORDS[int(reviewed.rating)]}, "
                             f"back {next_review(reviewed.card, now)}")
        return "\n".join(lines)

    # -- moving on -------------------------------------------------------------------------

    def _close_item(self) -> None:
        """Rate what was tried and not passed (a failed review); nothing tried: skipped."""
        item = self.item
        if item is None:
            return
        if self.rated is None:
            self._rate()
        assert self.rated is not None
        self.done.append(self.rated)

    def action_next_item(self) -> None:
        if self.item is None:
            self.app.pop_screen()
            return
        self._close_item()
        self.show_item(self.index + 1)

    def action_leave(self) -> None:
        self._close_item()
        self.app.pop_screen()

    def action_earlier_code(self) -> None:
        item = self.item
        if item is None or item.step is None or self.rated is None:
            self.notify("Your earlier code is shown once you pass this review.")
            return
        code = self.tutor.store.passing_code(item.item_id, self.since)
        if code is None:
            self.notify("There is no earlier passing code saved for this exercise.")
            return
        from tutor.app.screens.solution import SolutionScreen

        panel = self.query_one(ExercisePanel)

        def closed(use_it: bool | None) -> None:
            if use_it:
                panel.editor.replace_all(code)
            panel.editor.focus()

        self.app.push_screen(SolutionScreen(item.step, code=code, heading="Your earlier code",
                                            advice=EARLIER_ADVICE), closed)

    @on(Button.Pressed, "#next")
    def _next_pressed(self) -> None:
        self.action_next_item()

    @on(Button.Pressed, "#earlier")
    def _earlier_pressed(self) -> None:
        self.action_earlier_code()
