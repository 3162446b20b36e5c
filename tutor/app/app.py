"""The tutor app: owns the course, the progress store and the (lazy) evaluator.

Start-up imports Textual, the parsed-course cache's index (plain JSON) and the
progress store, but not the lesson models (pydantic): the home screen lists the
lessons from the index and loads the models in a worker after that. The evaluator
(``tutor.grading``) and plotting (``tutor.plots``, plotext) are imported by the
handlers that need them, so the first screen shows quickly.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from textual import events, on
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from tutor.app.screens.home import THEME_BINDING, HomeScreen
from tutor.app.styles import HOME_CSS, read_ahead
from tutor.lessons.cache import CourseIndex, cached_index, load_index
from tutor.progress import ProgressStore

if TYPE_CHECKING:
    from textual.command import Provider

    from tutor.courses.registry import InstalledCourse
    from tutor.grading.verdict import RunResult, Verdict
    from tutor.lessons.families import Drawn, FamilyError
    from tutor.lessons.loader import Course
    from tutor.lessons.model import AnyQuestion, ExerciseStep
    from tutor.lessons.outline import OutlinedCourse

DARK_THEME = "textual-dark"
LIGHT_THEME = "textual-light"
CLOSE_WAIT_S = 1.0


class EvaluatorLike(Protocol):
    """What the app needs of ``tutor.grading.Evaluator``."""

    def check(self, exercise: ExerciseStep, source: str) -> Verdict: ...
    def run(self, exercise: ExerciseStep, source: str) -> RunResult: ...
    def draw(self, question: AnyQuestion, solution: str | None,
             seeds: Sequence[int]) -> list[Drawn | FamilyError]: ...
    def close(self) -> None: ...


EvaluatorFactory = Callable[[], EvaluatorLike]


def default_evaluator(lessons_root: Path | None = None, data_dir: Path | None = None,
                      reference_cache: Path | None = None) -> EvaluatorLike:
    """The sandboxed evaluator, hiding the lesson tree and data folder the app uses and
    keeping the references' outputs in ``reference_cache``; imported here so start-up
    never loads it."""
    from tutor.grading import Evaluator

    return Evaluator(lessons_root=lessons_root, data_dir=data_dir,
                     reference_cache=reference_cache)


def tutor_commands() -> type[Provider]:
    """The command palette's entries, imported when the palette first opens."""
    from tutor.app.palette import TutorCommands

    return TutorCommands


class TutorApp(App[int]):
    """Learn the math behind machine learning by writing it."""

    CSS_PATH = HOME_CSS  # the other screens name theirs (tutor.app.styles)
    TITLE = "tutor"
    SUB_TITLE = "the math behind ML, in numpy"
    COMMANDS = {tutor_commands}  # it lists the system commands too, after the exercise's
    BINDINGS = [
        # F1 first: the footer shows it, and it works in the editor and answer boxes too
        Binding("f1,question_mark", "help", "Help", key_display="F1"),
        replace(THEME_BINDING, show=False),  # shown in the home screen's footer only
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True),
    ]

    def __init__(
        self,
        lessons_dir: str | Path | None = None,
        data_dir: str | Path | None = None,
        *,
        course_id: str | None = None,
        course: Course | None = None,
        store: ProgressStore | None = None,
        evaluator_factory: EvaluatorFactory | None = None,
        highlight: bool = True,
    ) -> None:
        super().__init__()
        self.lessons_dir = lessons_dir
        self.data_dir = data_dir
        self.course_id = course_id  # whose progress (None: the built-in course's)
        self.installed: list[InstalledCourse] = []  # filled by the home screen
        self.highlight = highlight
        self._course = course
        self._index: CourseIndex | None = None
        self.cache_notice: str | None = None  # the lesson cache was damaged (and rebuilt)
        self._store = store
        self._owns_store = store is None
        self._evaluator_factory = evaluator_factory or self._default_evaluator
        self._sandbox_warned = False
        self._evaluator: EvaluatorLike | None = None
        self._evaluator_lock = threading.Lock()
        self._closer: threading.Thread | None = None
        self._load_lock = threading.RLock()  # the index and the course
        self._store_lock = threading.Lock()  # apart: progress never waits for the models
        self._store_warned = False
        self.theme = DARK_THEME

    # -- services ------------------------------------------------------------------------

    @property
    def index(self) -> CourseIndex:
        """The lesson tree's index (ids, titles, pillars; no lesson models), read on
        first use from the parsed-course cache, or made by a full load on a miss."""
        with self._load_lock:
            if self._index is None:
                self._index = load_index(self.lessons_dir, self.data_dir)
            return self._index

    @property
    def course(self) -> Course:
        """The lesson tree, loaded on first use (bad files become ``course.errors``), from
        the parsed-course cache when it matches the files.

        Home loads it in a worker thread so the first screen does not wait for it."""
        with self._load_lock:
            if self._course is None:
                index = self.index
                self._course = index.course()
                self.cache_notice = index.notice
            return self._course

    def listing(self) -> OutlinedCourse:
        """The course's lessons as the lesson list and mastery need them (titles, pillars,
        summaries, outlines): the loaded course if it is there, else its index, which is
        read in milliseconds."""
        with self._load_lock:
            return self._course if self._course is not None else self.index

    def ready_listing(self) -> OutlinedCourse | None:
        """The listing if it is in memory already (the course, or the index ``preload``
        read), else None: what the home screen can show in its very first frame."""
        with self._load_lock:
            return self._course if self._course is not None else self._index

    def preload(self) -> None:
        """Read the course's index from the lesson cache and open the progress store now,
        before the app runs (``launch`` calls it): milliseconds, done here rather than in a
        thread beside the app's start, where each of the index's many small file reads
        waits for the interpreter lock. A cache miss or a failure is left for the home
        screen, which loads in full in its worker and says what went wrong."""
        try:
            with self._load_lock:
                if self._index is None and self._course is None:
                    self._index = cached_index(self.lessons_dir, self.data_dir)
            self.store  # noqa: B018 - the property opens and keeps it
        except Exception:  # noqa: BLE001, S110 - reported by the home screen's own load
            pass

    @property
    def store(self) -> ProgressStore:
        """The progress store, opened on first use (any thread)."""
        with self._store_lock:
            if self._store is None:
                self._store = ProgressStore.open(self.data_dir, course=self.course_id)
            return self._store

    @property
    def current_course(self) -> str | None:
        """The id of the course in use (None for a lesson tree given by folder)."""
        from tutor import paths

        if self.course_id is not None:
            return self.course_id
        return paths.BUILTIN_COURSE_ID if self.course.root == paths.builtin_lessons_dir() \
            else None

    def switch_course(self, chosen: InstalledCourse) -> None:
        """Use another installed course: its lessons, its progress, a fresh evaluator
        (which hides its tree), and the home screen loaded again."""
        if chosen.root is None:
            return
        self.save_drafts()
        self.close_evaluator(timeout=CLOSE_WAIT_S)
        with self._load_lock, self._store_lock:
            if self._owns_store and self._store is not None:
                self._store.close()
            self._store, self._owns_store, self._course = None, True, None
            self._index = None
            self._store_warned = False
            self.lessons_dir = chosen.root
            self.course_id = None if chosen.builtin else chosen.id
        self.sub_title = chosen.title
        while len(self.screen_stack) > 1:
            self.pop_screen()
        home = self.screen_stack[0]
        if isinstance(home, HomeScreen):
            home.reload()

    def _default_evaluator(self) -> EvaluatorLike:
        from tutor import paths
        from tutor.grading.refcache import default_folder

        return default_evaluator(self.course.root, paths.data_dir(self.data_dir),
                                 default_folder(self.data_dir))

    @property
    def evaluator_started(self) -> bool:
        return self._evaluator is not None

    def evaluator(self) -> EvaluatorLike:
        """The one evaluator of this app, created on first Run/Check (any thread)."""
        with self._evaluator_lock:
            if self._evaluator is None:
                self._evaluator = self._evaluator_factory()
                if hasattr(self._evaluator, "on_torch_start"):  # the real one
                    self._evaluator.on_torch_start = self._torch_starting
            return self._evaluator

    def _torch_starting(self) -> None:
        """Say why this check takes seconds: the torch worker is starting (in the check's
        thread, or this one)."""
        message = ("Starting PyTorch for this exercise's reference: a few seconds, and only "
                   "the first time (its results are kept).")
        try:
            self.call_from_thread(self.notify, message, title="First check")
        except RuntimeError:  # called from the app's own thread
            self.notify(message, title="First check")

    def close_evaluator(self, timeout: float | None = None) -> None:
        """Stop the evaluator's workers, waiting at most ``timeout`` seconds.

        Closing waits for a check still running; it happens in a thread of its own
        so quitting in the middle of a check is not held up by it."""
        with self._evaluator_lock:
            evaluator, self._evaluator = self._evaluator, None
        if evaluator is not None:
            self._closer = threading.Thread(target=self._close_quietly, args=(evaluator,),
                                            name="tutor-evaluator-close", daemon=True)
            self._closer.start()
        if self._closer is not None:
            self._closer.join(timeout)

    def _close_quietly(self, evaluator: EvaluatorLike) -> None:
        try:
            evaluator.close()
        except Exception as exc:  # closing must never stop the app from exiting
            self.log.error(f"closing the evaluator failed: {exc!r}")

    def warn_if_sandbox_weak(self) -> None:
        """Tell the learner once when a layer that contains their code is off here."""
        if self._sandbox_warned or self._evaluator is None:
            return
        missing = getattr(self._evaluator, "missing_layers", lambda: [])()
        if not missing:
            return
        self._sandbox_warned = True
        self.notify("Your code runs with fewer protections on this machine: "
                    + "; ".join(missing) + ". Run `tutor doctor` for details.",
                    title="Sandbox", severity="warning", timeout=15, markup=False)

    def warn_if_store_failed(self) -> None:
        """Tell the learner once when progress can no longer be saved."""
        store = self.store
        if self._store_warned or not (store.readonly or store.last_error):
            return
        self._store_warned = True
        detail = store.last_error or "Progress is read-only in this session."
        self.notify(detail, title="Progress", severity="warning", timeout=10, markup=False)

    # -- lifecycle -------------------------------------------------------------------------

    def get_default_screen(self) -> HomeScreen:
        return HomeScreen()

    @on(events.Ready)
    def _first_frame_drawn(self) -> None:
        """Once the first frame is drawn, read the other screens' styles ahead."""
        self.call_after_refresh(read_ahead, self.stylesheet)

    def on_unmount(self) -> None:
        self.close_evaluator(timeout=CLOSE_WAIT_S)
        if self._owns_store and self._store is not None:
            self._store.close()

    # -- navigation ------------------------------------------------------------------------

    def open_lesson(self, lesson_id: str, step_index: int | None = None) -> None:
        """Show a lesson at ``step_index`` (default: where the learner left it)."""
        from tutor.app.screens.lesson import LessonScreen

        try:
            lesson = self.course.lesson(lesson_id)
        except KeyError:
            self.notify(f"There is no lesson {lesson_id!r}.", severity="error", markup=False)
            return
        if step_index is None:
            step_index = self.store.lesson_position(lesson_id)
        step_index = max(0, min(step_index, len(lesson.steps) - 1))
        screen = LessonScreen(lesson, step_index)
        if isinstance(self.screen, LessonScreen):
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        yield SystemCommand("Help", "Keys and how to use tutor (F1)", self.action_help)
        yield SystemCommand("Home", "Back to the pillars and lessons", self.action_go_home)
        yield SystemCommand(THEME_BINDING.description,
                            f"Switch between the light and dark theme ({THEME_BINDING.key})",
                            self.action_toggle_theme)
        yield from super().get_system_commands(screen)

    def save_drafts(self) -> None:
        """Save the code typed in open exercises since their last saved draft."""
        from tutor.app.screens.lesson import LessonScreen

        for screen in self.screen_stack:
            if isinstance(screen, LessonScreen):
                screen.save_pending_draft()

    def action_go_home(self) -> None:
        self.save_drafts()
        while len(self.screen_stack) > 1:
            self.pop_screen()

    async def action_quit(self) -> None:
        """Save unsaved drafts, then quit."""
        self.save_drafts()
        await super().action_quit()

    def action_help(self) -> None:
        from tutor.app.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_toggle_theme(self) -> None:
        self.theme = LIGHT_THEME if self.theme == DARK_THEME else DARK_THEME
