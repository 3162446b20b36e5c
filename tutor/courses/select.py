"""Which course a command uses: ``--course ID`` / ``$TUTOR_COURSE`` or a lesson tree.

Precedence: ``--course`` and ``--lessons`` (not both), then ``$TUTOR_LESSONS``,
then ``$TUTOR_COURSE``, then the built-in course. A tree chosen by folder keeps
its manifest's id for progress (none: the built-in course's progress, as before).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from tutor import paths


class CourseChoiceError(Exception):
    """The chosen course is unknown or cannot be used; the message says why."""


@dataclass(frozen=True)
class Choice:
    """A lesson tree (None: the default rules of ``paths.lessons_dir``) and whose
    progress it records to (None: the built-in course's)."""

    lessons: Path | None
    course_id: str | None


def choose(course: str | None, lessons: str | None) -> Choice:
    """Resolve the flags (and the environment) to a lesson tree and a progress id."""
    if course and lessons:
        raise CourseChoiceError("give --course or --lessons, not both")
    if not course and not lessons and not os.environ.get(paths.LESSONS_ENV):
        course = os.environ.get(paths.COURSE_ENV) or None
    if course:
        return _installed(course)
    root = paths.lessons_dir(lessons)
    return Choice(Path(lessons) if lessons else None, _tree_id(root))


def _installed(course_id: str) -> Choice:
    from tutor.courses.registry import find_course

    found = find_course(course_id)
    if found is None:
        raise CourseChoiceError(f"no course {course_id!r} is installed; `tutor courses` "
                                "lists the installed ones")
    if not found.ok or found.root is None:
        problems = "\n".join(f"  {e}" for e in found.errors[:10])
        raise CourseChoiceError(f"course {course_id!r} ({found.source}) cannot be used:\n"
                                f"{problems}")
    return Choice(found.root, None if found.builtin else found.id)


def _tree_id(root: Path) -> str | None:
    """The id in the tree's manifest, or None (no manifest, or a broken one)."""
    from tutor.courses.manifest import read_manifest
    from tutor.lessons.tree import MANIFEST_NAME

    if not (root / MANIFEST_NAME).is_file():
        return None
    manifest, _ = read_manifest(root)
    return manifest.id if manifest is not None else None
