"""What commands take from the command line: the course (cached), the exercise (an
unknown id gets "did you mean") and the learner's file (UTF-8, within a size limit)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from tutor.commands.suggest import did_you_mean

if TYPE_CHECKING:
    from tutor.lessons.cache import CourseIndex
    from tutor.lessons.loader import Course
    from tutor.progress.store import ProgressStore

MAX_SOURCE_BYTES = 1_000_000


class SourceError(Exception):
    """A file that cannot be graded as it is; str() is the reason, e.g. "No such file"."""


def load_course_for(args: argparse.Namespace, prog: str) -> Course:
    """The course a command uses (``--lessons``/``--data-dir`` from ``args``), from the
    parsed-course cache when it matches the files (see :mod:`tutor.lessons.cache`); a
    damaged cache entry is rebuilt with a note on stderr."""
    from tutor.lessons.cache import load_course_cached

    course, notice = load_course_cached(getattr(args, "lessons", None),
                                        getattr(args, "data_dir", None))
    if notice:
        print(f"{prog}: note: {notice}", file=sys.stderr)
    return course


def index_for(args: argparse.Namespace, prog: str) -> CourseIndex:
    """The course's index (ids, titles, files; each lesson's model read only when asked
    for), from the cache when it matches the files; a notice on stderr as
    :func:`load_course_for` gives one."""
    from tutor.lessons.cache import load_index

    index = load_index(getattr(args, "lessons", None), getattr(args, "data_dir", None))
    if index.notice:
        print(f"{prog}: note: {index.notice}", file=sys.stderr)
    return index


def learner_course(args: argparse.Namespace, prog: str) -> Course:
    """The course for a command about the learner's progress (progress, notes, review):
    lesson files that do not load are skipped, said in one line on stderr."""
    course = load_course_for(args, prog)
    if course.errors and not course.lessons:
        for error in course.errors[:3]:
            print(f"tutor: {error}", file=sys.stderr)
    elif course.errors:
        print(f"tutor: {len(course.errors)} lesson file problem(s) (skipped); run "
              "`tutor lessons validate`", file=sys.stderr)
    return course


def open_store(args: argparse.Namespace) -> ProgressStore:
    """The progress store of the course and data dir ``args`` name; its notice (a store
    recovered or in memory) on stderr."""
    from tutor.progress.store import ProgressStore

    store = ProgressStore.open(getattr(args, "data_dir", None),
                               course=getattr(args, "course", None))
    if store.notice:
        print(f"tutor: {store.notice}", file=sys.stderr)
    return store


def read_source(path: str | Path) -> str:
    """The file's text; SourceError when it is unreadable, too large or not UTF-8."""
    try:
        data = Path(path).read_bytes()
        if len(data) > MAX_SOURCE_BYTES:
            raise ValueError(f"larger than {MAX_SOURCE_BYTES // 1000} kB")
        return data.decode("utf-8")
    except (OSError, ValueError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise SourceError(reason) from exc


class ExerciseIds(Protocol):
    """A course, or its cached index: what naming an exercise needs."""

    errors: Sequence[object]

    def exercises(self) -> Sequence[Any]: ...  # each with an ``id``


def known_exercise(course: ExerciseIds, wanted: str, prog: str) -> bool:
    """Whether ``wanted`` is an exercise of ``course``; if not, "unknown" and close ids
    are printed."""
    ids = [e.id for e in course.exercises()]
    if wanted in ids:
        return True
    hint = did_you_mean(wanted, ids, otherwise="see `tutor check --list`")
    print(f"{prog}: unknown exercise {wanted!r}{hint}", file=sys.stderr)
    if course.errors:
        print(f"({len(course.errors)} lesson file problem(s); run `tutor lessons validate`)",
              file=sys.stderr)
    return False
