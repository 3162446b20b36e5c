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
    notice: str | None = None  # a damaged cache entry, rebuilt


def choose(course: str | None, lessons: str | None, data: str | None = None) -> Choice:
    """Resolve the flags (and the environment) to a lesson tree and a progress id;
    ``data``: the data dir given on the command line (it holds the cache), if any."""
    if course and lessons:
        raise CourseChoiceError("give --course or --lessons, not both")
    if not course and not lessons and not os.environ.get(paths.LESSONS_ENV):
        course = os.environ.get(paths.COURSE_ENV) or None
    if course:
        return _installed(course)
    root = paths.lessons_dir(lessons)
    found, notice = _tree_id(root, data)
    return Choice(Path(lessons) if lessons else None, found, notice)


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


def _tree_id(root: Path, data: str | None) -> tuple[str | None, str | None]:
    """The id in the tree's manifest, or None (no manifest, or a broken one); and the
    notice of a damaged cache entry. Kept in the cache keyed by the manifest's stamp, so
    that a command need not load the YAML reader and the models to learn it."""
    from tutor import __version__, cachefile
    from tutor.lessons.tree import MANIFEST_NAME, MAX_FILE_BYTES

    path = root / MANIFEST_NAME
    if not path.is_file():
        return None, None
    where = paths.cache_dir(data) / "courses" / f"{cachefile.text_digest(str(root))}.json"
    stamp = cachefile.stamp(path, MAX_FILE_BYTES)
    key = [__version__, *stamp.as_list()] if stamp else None
    read = cachefile.read_json(where, _valid_entry, "the course cache")
    if key is not None and read.data is not None and read.data["key"] == key:
        return read.data["id"], None
    from tutor.courses.manifest import read_manifest

    manifest, _ = read_manifest(root)
    found = manifest.id if manifest is not None else None
    if key is not None and cachefile.stamp(path, MAX_FILE_BYTES) == stamp:
        cachefile.write_json(where, {"key": key, "id": found})
    return found, read.notice


def _valid_entry(data: object) -> bool:
    return (isinstance(data, dict) and set(data) == {"key", "id"}
            and isinstance(data["key"], list) and len(data["key"]) == 4
            and (data["id"] is None or isinstance(data["id"], str)))
