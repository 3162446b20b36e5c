"""`tutor watch EXERCISE_ID FILE`: grade a file again each time it is saved.

One warm evaluator serves the whole session. The file is checked at start and after
every save; the verdict is redrawn (the screen is cleared only on a terminal, elsewhere
each frame ends with a footer line). A save that cannot be graded yet (a syntax error,
an empty, missing, unreadable or too large file) gets one line and is not recorded;
content equal to the last graded is shown again, not graded again. Ctrl-C ends the
session (exit 130).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from io import StringIO
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TextIO

from tutor.commands.inputs import SourceError, index_for, known_exercise, read_source
from tutor.commands.verdicts import (
    announce_torch,
    open_for,
    open_store,
    print_plot,
    print_verdict,
    record_attempt,
)
from tutor.safetext import clip, printable

if TYPE_CHECKING:
    from tutor.grading.verdict import Verdict
    from tutor.lessons.exercise import ExerciseStep
    from tutor.progress import ProgressStore

PROG = "tutor watch"
DESCRIPTION = """Check a solution file now and again every time you save it, with one warm
sandbox for the session; for learners who write in their own editor. Attempts are recorded
to your progress unless --no-record. Ctrl-C stops (exit status 130); 2 for usage errors
or an unknown exercise."""
CLEAR = "\x1b[H\x1b[2J"
ANSI = re.compile(r"\x1b\[[0-9;]*m")
PLOT_MIN_ROWS = 8
NOTICE_CHARS = 160
STEP_MS = 10  # quiet time after a change before the save is taken as finished
TICK_MS = 200  # the watcher wakes this often, so its start can be awaited


class Grader(Protocol):
    """What a session needs of the evaluator."""

    def check(self, exercise: ExerciseStep, source: str) -> Verdict: ...


def register(sub: Any, parent: argparse.ArgumentParser, summary: str) -> None:
    p = sub.add_parser("watch", parents=[parent], help=summary,
                       description=DESCRIPTION)
    p.add_argument("exercise", metavar="EXERCISE_ID",
                   help="exercise id, e.g. linear-algebra/dot-product")
    p.add_argument("file", metavar="FILE", help="the Python file you are editing")
    p.add_argument("--no-record", action="store_true", help="do not record attempts to progress")
    p.set_defaults(handler=cmd_watch)


def file_changes(path: Path) -> Iterator[object]:
    """Changes to ``path``, one item per save. The watcher is running when this returns.

    The folder is watched, not the file, so a save by rename (a new inode) is seen; only
    events for ``path`` (or the file a symlink there points to) get through."""
    import watchfiles

    targets = {os.path.join(path.parent.resolve(), path.name), str(path.resolve())}
    folders = sorted({os.path.dirname(t) for t in targets})
    changes = watchfiles.watch(
        *folders, watch_filter=lambda _change, name: os.path.normpath(name) in targets,
        step=STEP_MS, rust_timeout=TICK_MS, yield_on_timeout=True, recursive=False)
    next(changes)  # returns once the watcher has started: a change, or a quiet tick
    return (batch for batch in changes if batch)


class WatchSession:
    """One file graded against one exercise; draws a frame each time what it shows changes."""

    def __init__(self, exercise: ExerciseStep, name: str, grader: Grader, out: TextIO, *,
                 store: ProgressStore | None = None, terminal: bool = False,
                 color: bool = False) -> None:
        self.exercise = exercise
        self.name = name
        self.grader = grader
        self.out = out
        self.store = store
        self.terminal = terminal
        self.color = color
        self._last: tuple[str, Verdict, str] | None = None  # latest source graded, verdict, when
        self._showing: object = None  # what the screen shows now: a source or a notice

    def refresh(self) -> None:
        """Read the file again; grade it if its content is new; redraw if anything changed."""
        shown = printable(self.name)
        try:
            source = read_source(self.name)
        except SourceError as exc:
            if isinstance(exc.__cause__, FileNotFoundError):
                self._notice(f"{shown} does not exist yet; save it to check it")
            else:
                self._notice(f"{shown}: cannot read it: {exc}")
            return
        if self._last is not None and self._last[0] == source:
            if self._showing != source:  # back to graded content: show it, do not grade again
                self._draw_verdict(*self._last)
            return
        if not source.strip():
            self._notice(f"{shown} is empty; save your code to check it")
            return
        from tutor.grading import sourcetree

        tree = sourcetree.parse(source)
        if isinstance(tree, sourcetree.Violation):
            self._notice(f"{shown}: {tree.message.splitlines()[0]}; not checked yet")
            return
        verdict = self.grader.check(self.exercise, source)
        self._last = (source, verdict, time.strftime("%H:%M:%S"))
        if self.store is not None:
            record_attempt(self.store, self.exercise.id, verdict, source, PROG)
        self._draw_verdict(*self._last)

    def _notice(self, text: str) -> None:
        text = clip(printable(text), NOTICE_CHARS)
        if self._showing != ("notice", text):
            self._showing = ("notice", text)
            self._draw(f"… {text}\n")

    def _draw_verdict(self, source: str, verdict: Verdict, checked_at: str) -> None:
        self._showing = source
        body = StringIO()
        print_verdict(self.name, verdict, body, self.color)
        columns, rows = shutil.get_terminal_size() if self.terminal else (80, 0)
        if verdict.plot_data and not self.terminal:
            print_plot(verdict.plot_data, body, PROG, width=80, height=20)
        elif verdict.plot_data:
            room = rows - 1 - screen_rows(body.getvalue(), columns)  # the footer takes a row
            if room >= PLOT_MIN_ROWS:
                print_plot(verdict.plot_data, body, PROG, width=min(columns, 100),
                           height=min(24, room))
            else:
                body.write("  (a taller window shows the plot)\n")
        text = body.getvalue()
        self._draw(fit_rows(text, columns, rows - 1) if self.terminal else text,
                   f"checked {checked_at}")

    def _draw(self, body: str, when: str = "") -> None:
        stamp = when or time.strftime("%H:%M:%S")
        footer = f"── {printable(self.name)} · {self.exercise.id} · {stamp} · Ctrl-C to stop"
        if self.terminal:  # one row, no newline after it: the screen must not scroll
            columns = shutil.get_terminal_size().columns
            footer = clip(footer, columns)
            self.out.write(CLEAR + body + footer)
        else:
            self.out.write(body + footer + "\n")
        self.out.flush()


def screen_rows(text: str, columns: int) -> int:
    """The rows ``text`` takes on a terminal ``columns`` wide, long lines wrapping."""
    widths = (len(ANSI.sub("", line)) for line in text.splitlines())
    return sum(max(1, -(-width // max(columns, 1))) for width in widths)


def fit_rows(text: str, columns: int, rows: int) -> str:
    """``text`` cut to at most ``rows`` terminal rows, its last row saying what was cut."""
    if screen_rows(text, columns) <= rows:
        return text
    lines = text.splitlines()
    budget = rows - screen_rows(_more(len(lines)), columns)
    kept: list[str] = []
    used = 0
    for line in lines:
        used += screen_rows(line, columns)
        if used > budget:
            break
        kept.append(line)
    return "".join(f"{line}\n" for line in kept) + _more(len(lines) - len(kept)) + "\n"


def _more(count: int) -> str:
    return f"  … {count} more lines (a taller window shows them)"


def watch_loop(session: WatchSession, changes: Iterable[object]) -> None:
    """Check once, then once per item of ``changes``, until it ends or raises
    (KeyboardInterrupt from Ctrl-C propagates to the caller)."""
    session.refresh()
    for _ in changes:
        session.refresh()


def _sources(path: Path) -> list[str]:
    """The file's text as it is now, for choosing the worker to start (none yet: none)."""
    try:
        return [read_source(path)]
    except SourceError:
        return []


def cmd_watch(args: argparse.Namespace, *,
              watch: Callable[[Path], Iterable[object]] = file_changes) -> int:
    """Run a watch session; ``watch`` gives the change events (tests pass their own).
    It starts as `tutor check` does (:func:`~tutor.commands.verdicts.open_for`)."""
    index = index_for(args, PROG)
    if not known_exercise(index, args.exercise, PROG):
        return 2
    path = Path(args.file)
    if path.is_dir() or not path.parent.is_dir():
        what = "is a folder" if path.is_dir() else "is in no existing folder"
        print(f"{PROG}: {printable(args.file)} {what}; give the file you edit", file=sys.stderr)
        return 2
    data_dir = getattr(args, "data_dir", None)
    opened = open_for(index, args.exercise, data_dir, PROG, _sources(path))
    if opened is None:
        return 2
    exercise, evaluator = opened
    terminal = sys.stdout.isatty()
    if terminal:
        print(f"checking {printable(args.file)}…", flush=True)
    store = None
    try:
        with evaluator:
            if not args.no_record:
                store = open_store(data_dir, PROG, getattr(args, "course", None))
            announce_torch(evaluator, PROG, sys.stdout)
            session = WatchSession(exercise, args.file, evaluator, sys.stdout, store=store,
                                   terminal=terminal,
                                   color=terminal and "NO_COLOR" not in os.environ)
            watch_loop(session, watch(path))
    except KeyboardInterrupt:
        print(f"{PROG}: stopped", file=sys.stderr)
        return 130
    finally:
        if store is not None:
            store.close()
    return 0
