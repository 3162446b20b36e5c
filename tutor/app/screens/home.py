"""Home: the six pillars with progress, their lessons in order, and "continue"."""

from __future__ import annotations

import threading
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, cast

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, Label, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from tutor.app.screens.switching import CourseSwitching
from tutor.app.widgets.compactbutton import CompactButton
from tutor.app.widgets.lessonline import lesson_detail, lesson_line
from tutor.app.widgets.pillar import pillar_option, pillar_option_id, pillar_prompt
from tutor.lessons.pillars import PILLAR_TITLES, PILLARS, by_pillar

if TYPE_CHECKING:
    from textual.widgets import Collapsible

    from tutor.app.app import TutorApp
    from tutor.lessons.outline import Outlined, OutlinedCourse
    from tutor.progress.due import ReviewPlan
    from tutor.progress.mastery import Mastery

MAX_ERRORS_SHOWN = 30
# how long the full load waits for the lesson list to be drawn first (a cap, in case
# no refresh comes: the list is normally drawn within a frame)
LISTED_WAIT_S = 1.0


# The theme key, bound once for the whole app (hidden there, see TutorApp.BINDINGS) and
# shown in this screen's footer only.
THEME_BINDING = Binding("ctrl+t", "app.toggle_theme", "Light/dark")


class HomeScreen(CourseSwitching, Screen[None]):
    """Pick a pillar, then a lesson; or continue where you left off.

    The screen shows at once. A worker thread reads the course's index (plain JSON, no
    lesson models) and the learner's progress, and shows the lessons with their marks,
    the pillars' progress and where "continue" leads; then it loads the lesson models
    (``loaded``), which opening a lesson, "continue" and the review need."""

    BINDINGS = [
        Binding("c", "continue", "Continue"),
        Binding("r", "review", "Review", show=False),
        Binding("enter", "open", "Open", show=False),
        Binding("right", "focus_lessons", "Lessons", show=False),
        Binding("left", "focus_pillars", "Pillars", show=False),
        Binding("s", "courses", "Switch course"),
        Binding("q", "app.quit", "Quit"),
        THEME_BINDING,
    ]

    def __init__(self) -> None:
        super().__init__()
        self.loaded = False  # the lesson models are in
        self.listed: Mapping[str, Sequence[Outlined]] | None = None  # the lessons, by pillar
        self.failed = False  # the lessons could not be loaded
        self._pending: tuple[str, int | None] | None = None  # to open once they are
        self._shown: str | None = None  # the pillar whose lessons the list shows
        self.mastery: Mastery | None = None
        self.target: tuple[str, int] | None = None
        self.plan: ReviewPlan | None = None

    @property
    def tutor(self) -> TutorApp:
        return cast("TutorApp", self.app)

    def compose(self) -> ComposeResult:
        yield Header()
        yield CompactButton("Loading lessons…", id="continue", compact=True, disabled=True)
        with Horizontal(id="home-body"):
            with Vertical(id="pillar-pane"):
                yield Label("Pillars", classes="pane-title")
                yield OptionList(*[pillar_option(p, PILLAR_TITLES[p], None) for p in PILLARS],
                                 id="pillars", compact=True)
            with Vertical(id="lesson-pane"):
                yield Label("", id="lessons-title", classes="pane-title")
                yield OptionList(id="lessons")
                yield Static("", id="lesson-summary", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        pillars = self.query_one("#pillars", OptionList)
        pillars.highlighted = 0
        pillars.focus()
        drawn = threading.Event()
        listing = self.tutor.ready_listing()
        if listing is not None:  # preloaded: the list is in the first frame
            self._show_listed(listing, self._mastery(listing), self._continue_target(listing),
                              drawn)
        self._load(drawn if listing is not None else None)

    def reload(self) -> None:
        """Load the course and progress again (the app switched to another course)."""
        self.loaded, self.mastery, self.target, self.plan = False, None, None, None
        self.listed, self.failed, self._pending, self._shown = None, False, None, None
        for notice in self.query("#course-errors, #review"):
            notice.remove()
        self.query_one("#lessons", OptionList).clear_options()
        button = self.query_one("#continue", Button)
        button.label, button.disabled = "Loading lessons…", True
        self._refresh_pillars()
        self.query_one("#pillars", OptionList).focus()
        self._load()

    @work(thread=True, exclusive=True, group="home-load", exit_on_error=False)
    def _load(self, drawn: threading.Event | None = None) -> None:
        """Off the UI thread: the lessons and progress from the course's index (unless
        they are shown already: ``drawn`` is set once they are on screen), then the lesson
        models and the review plan."""
        worker = get_current_worker()
        if drawn is None:
            try:
                listing = self.tutor.listing()
            except Exception as exc:  # never leave the learner on a blank screen
                self.app.call_from_thread(self._load_failed, f"{type(exc).__name__}: {exc}")
                return
            mastery, target = self._mastery(listing), self._continue_target(listing)
            if worker.is_cancelled:
                return
            drawn = threading.Event()
            self.app.call_from_thread(self._show_listed, listing, mastery, target, drawn)
        # the models' load takes the interpreter for a while: let the list be drawn first
        drawn.wait(LISTED_WAIT_S)
        try:
            course = self.tutor.course
        except Exception as exc:  # the list stays; opening a lesson says it failed
            self.app.call_from_thread(self._load_failed, f"{type(exc).__name__}: {exc}")
            return
        mastery, target = self._mastery(course), self._continue_target(course)
        plan = self._plan()
        if not worker.is_cancelled:
            self.app.call_from_thread(self._populate, mastery, target, plan)
        self._find_courses()

    def _show_listed(self, listing: OutlinedCourse, mastery: Mastery | None,
                     target: tuple[str, int] | None, drawn: threading.Event) -> None:
        """The lessons with their marks, at the pillar "continue" leads to; ``drawn`` is set
        once the screen has been refreshed with them."""
        self.call_after_refresh(drawn.set)
        self.listed = by_pillar(listing.lessons)
        self.mastery, self.target = mastery, target
        self._refresh_progress()
        start = self._listed(target[0]).pillar if target else PILLARS[0]
        self.query_one("#pillars", OptionList).highlighted = PILLARS.index(start)
        self._show_pillar(start)

    def _load_failed(self, message: str) -> None:
        self.failed, self._pending = True, None
        self.query_one("#continue", Button).label = "Lessons could not be loaded"
        self.notify(message, title="Loading failed", severity="error", timeout=15,
                    markup=False)

    def _populate(self, mastery: Mastery | None, target: tuple[str, int] | None,
                  plan: ReviewPlan | None = None) -> None:
        """The lesson models are in: the same lessons, now from the course (the learner
        stays where they are in the lists); the review button; any problems."""
        self.loaded = True
        self.mastery, self.target, self.plan = mastery, target, plan
        course = self.tutor.course
        self.listed = course.by_pillar()
        if course.errors:
            self.mount(self._errors_notice(), before="#continue")
        if self.tutor.cache_notice:
            self.notify(self.tutor.cache_notice, title="Lesson cache", markup=False)
        self._refresh_progress()
        self._show_current_pillar()
        self.tutor.warn_if_store_failed()
        if self._pending is not None:  # asked for while the models were loading
            pending, self._pending = self._pending, None
            self.tutor.open_lesson(*pending)

    def _show_current_pillar(self) -> None:
        """Show the highlighted pillar's lessons again, keeping the lesson highlighted."""
        pillars = self.query_one("#pillars", OptionList)
        if pillars.highlighted is not None:
            self._show_pillar(PILLARS[pillars.highlighted], keep_highlight=True)

    def _listed(self, lesson_id: str) -> Outlined:
        """A listed lesson (KeyError if it is not listed)."""
        for lessons in (self.listed or {}).values():
            for lesson in lessons:
                if lesson.id == lesson_id:
                    return lesson
        raise KeyError(lesson_id)

    def _errors_notice(self) -> Collapsible:
        from textual.widgets import Collapsible  # only a course with errors needs it

        errors = self.tutor.course.errors
        shown = [str(e) for e in errors[:MAX_ERRORS_SHOWN]]
        if len(errors) > MAX_ERRORS_SHOWN:
            shown.append(f"… and {len(errors) - MAX_ERRORS_SHOWN} more "
                         "(run `tutor lessons validate`)")
        return Collapsible(
            Static("\n".join(shown), markup=False, id="course-error-list"),
            title=f"⚠ {len(errors)} problem(s) in the lesson files; those lessons are left out",
            id="course-errors",
        )

    def on_screen_resume(self) -> None:
        """Back from a lesson: refresh progress."""
        if not self.loaded:
            return
        self.mastery = self._mastery(self.tutor.course)
        self.target = self._continue_target(self.tutor.course)
        self.plan = self._plan()
        self._refresh_progress()
        self._show_current_pillar()

    # -- data ------------------------------------------------------------------------------

    def _mastery(self, course: OutlinedCourse) -> Mastery | None:
        try:
            return self.tutor.store.mastery(course)
        except Exception as exc:  # progress trouble must not keep the learner out
            self.log.error(f"mastery failed: {exc!r}")
            return None

    def _plan(self) -> ReviewPlan | None:
        """The review plan as of the store's clock (None if progress cannot say)."""
        from tutor.progress.due import review_plan

        try:
            store = self.tutor.store
            store.sync_cards()
            return review_plan(store.review_cards(), self.tutor.course, store.now())
        except Exception as exc:  # reviews are extra: never keep the learner out
            self.log.error(f"review plan failed: {exc!r}")
            return None

    def _continue_target(self, course: OutlinedCourse) -> tuple[str, int] | None:
        try:
            return self.tutor.store.continue_position(course)
        except Exception:
            return None

    def _refresh_pillars(self) -> None:
        """Each pillar's progress as ``mastery`` says ("…" while it is not known)."""
        pillars = self.query_one("#pillars", OptionList)
        for pillar in PILLARS:
            shown = self.mastery.pillars.get(pillar) if self.mastery else None
            pillars.replace_option_prompt(pillar_option_id(pillar),
                                          pillar_prompt(PILLAR_TITLES[pillar], shown))

    def _refresh_progress(self) -> None:
        self._refresh_pillars()
        button = self.query_one("#continue", Button)
        button.label = Content(self._continue_label())
        button.disabled = self.target is None or not self.loaded
        button.refresh(layout=True)  # the new label may be wider than the old one
        self._refresh_review()

    def _refresh_review(self) -> None:
        """"Review · N due" under "continue", shown only while something is due."""
        due = len(self.plan.today) if self.plan else 0
        shown = self.query("#review")
        if not due:
            shown.remove()
            return
        label = f"↻ Review · {due} due (r)"
        if shown:
            button = self.query_one("#review", Button)
            button.label = label
            button.refresh(layout=True)
        else:
            self.mount(CompactButton(label, id="review", compact=True), after="#continue")

    def _continue_label(self) -> str:
        if self.target is None:
            return "No lessons found"
        lesson = self._listed(self.target[0])
        verb = "Continue" if self.tutor.store.position() else "Start"
        steps = len(lesson.outline.steps)
        return f"▶ {verb}: {lesson.title} (step {self.target[1] + 1}/{steps})"

    def _show_pillar(self, pillar: str, *, keep_highlight: bool = False) -> None:
        if self.listed is None:
            return
        self._shown = pillar
        lessons = self.listed.get(pillar, [])
        mastery = self.mastery
        option_list = self.query_one("#lessons", OptionList)
        previous = option_list.highlighted
        option_list.clear_options()
        option_list.add_options(
            Option(lesson_line(i, lesson, mastery.lessons.get(lesson.id) if mastery else None,
                               known=mastery is not None), id=lesson.id)
            for i, lesson in enumerate(lessons, start=1)
        )
        count = f"{len(lessons)} lesson{'s' * (len(lessons) != 1)}"
        self.query_one("#lessons-title", Label).update(
            Content(f"{PILLAR_TITLES[pillar]} · {count}"))
        if lessons:
            option_list.highlighted = previous if keep_highlight and previous is not None else 0
        else:
            self.query_one("#lesson-summary", Static).update("No lessons in this pillar yet.")

    # -- events ----------------------------------------------------------------------------

    @on(OptionList.OptionHighlighted, "#pillars")
    def _pillar_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        # the pillar highlighted now: an event the highlight has moved on from since (as
        # on_mount moves it before the first frame) rebuilds nothing, nor does one for
        # the pillar already shown
        now = event.option_list.highlighted
        pillar = PILLARS[event.option_index if now is None else now]
        if pillar != self._shown:
            self._show_pillar(pillar)

    @on(OptionList.OptionSelected, "#pillars")
    def _pillar_selected(self) -> None:
        self.action_focus_lessons()

    @on(OptionList.OptionHighlighted, "#lessons")
    def _lesson_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id is None:
            return
        lesson = self._listed(event.option.id)
        mastery = self.mastery.lessons.get(lesson.id) if self.mastery else None
        recall = self.plan.recall_of(lesson_id=lesson.id) if self.plan else None
        self.query_one("#lesson-summary", Static).update(lesson_detail(lesson, mastery, recall))

    @on(OptionList.OptionSelected, "#lessons")
    def _lesson_selected(self, event: OptionList.OptionSelected) -> None:
        self._open(event.option.id)

    @on(Button.Pressed, "#continue")
    def _continue_pressed(self) -> None:
        self.action_continue()

    @on(Button.Pressed, "#review")
    def _review_pressed(self) -> None:
        self.action_review()

    def action_review(self) -> None:
        """Start a review session of what is due today."""
        from tutor.app.screens.review import ReviewScreen

        if self._not_ready():
            return
        if not self.plan or not self.plan.today:
            self.notify("Nothing is due for review today.")
            return
        self.app.push_screen(ReviewScreen(self.plan.today))

    def action_continue(self) -> None:
        if self.target is None:
            if not self._not_ready():
                self.notify("There are no lessons to continue.", severity="warning")
            return
        self._open(*self.target)

    def action_focus_lessons(self) -> None:
        lessons = self.query_one("#lessons", OptionList)
        if lessons.option_count:
            lessons.focus()

    def action_focus_pillars(self) -> None:
        self.query_one("#pillars", OptionList).focus()

    def action_open(self) -> None:
        lessons = self.query_one("#lessons", OptionList)
        if lessons.highlighted is not None:
            self._open(lessons.get_option_at_index(lessons.highlighted).id)

    def _open(self, lesson_id: str | None, step_index: int | None = None) -> None:
        """Open a listed lesson; asked before the models are in (the list comes first), it
        opens as soon as they are (the last one asked for)."""
        if lesson_id is None:
            return
        if not self.loaded and not self.failed:
            self._pending = (lesson_id, step_index)
            return
        if not self._not_ready():
            self.tutor.open_lesson(lesson_id, step_index)

    def _not_ready(self) -> bool:
        """Whether the lesson models are not in yet (then say so)."""
        if self.loaded:
            return False
        if self.failed:
            self.notify("The lessons could not be loaded (see the message above).",
                        severity="error")
        else:
            self.notify("Still loading the lessons…")
        return True
