"""What `tutor check` and `tutor watch` take from the command line: the exercise (an
unknown id gets "did you mean") and the learner's file (UTF-8, within a size limit)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from tutor.commands.suggest import did_you_mean

if TYPE_CHECKING:
    from tutor.lessons.loader import Course
    from tutor.lessons.model import ExerciseStep

MAX_SOURCE_BYTES = 1_000_000


class SourceError(Exception):
    """A file that cannot be graded as it is; str() is the reason, e.g. "No such file"."""


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


def find_exercise(course: Course, wanted: str, prog: str) -> ExerciseStep | None:
    """The exercise with id ``wanted``, or None after printing "unknown" and close ids."""
    try:
        return course.exercise(wanted)
    except KeyError:
        hint = did_you_mean(wanted, [e.id for e in course.exercises()],
                            otherwise="see `tutor check --list`")
        print(f"{prog}: unknown exercise {wanted!r}{hint}", file=sys.stderr)
        if course.errors:
            print(f"({len(course.errors)} lesson file problem(s); run `tutor lessons validate`)",
                  file=sys.stderr)
        return None
