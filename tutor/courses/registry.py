"""The installed courses: the built-in one, then every ``tutor.courses`` entry point.

An entry point's name is the course id and its object a callable returning the
path of the lesson tree. Calling it imports the pack's module (as installing
the package already trusted it to run); everything else about a pack is
untrusted: its manifest and lessons go through the same loader limits, its
code through the same sandbox, and whatever goes wrong becomes a message on
the course (``errors``), never an exception.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from importlib.metadata import EntryPoint, entry_points
from pathlib import Path

from tutor import paths
from tutor.courses.manifest import CourseManifest, read_manifest
from tutor.lessons.loader import printable

GROUP = "tutor.courses"
BUILTIN_ID = paths.BUILTIN_COURSE_ID
BUILTIN_SOURCE = "built-in"


@dataclass
class InstalledCourse:
    """One course found: where it came from, its manifest and what keeps it from use."""

    id: str
    source: str
    root: Path | None = None
    manifest: CourseManifest | None = None
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.root is not None and self.manifest is not None and not self.errors

    @property
    def title(self) -> str:
        return self.manifest.title if self.manifest else "(manifest not readable)"

    @property
    def version(self) -> str:
        return self.manifest.version if self.manifest else "?"

    @property
    def builtin(self) -> bool:
        return self.source == BUILTIN_SOURCE


def builtin_course() -> InstalledCourse:
    """The course shipped with tutor."""
    return _with_manifest(InstalledCourse(BUILTIN_ID, BUILTIN_SOURCE,
                                          paths.builtin_lessons_dir()))


def installed_courses() -> list[InstalledCourse]:
    """Every course: the built-in one first, then the packs in id order. Packs that
    share an id are all listed, and none of them can be used."""
    found = [builtin_course()]
    points = _entry_points()
    for point in sorted(points, key=lambda p: (p.name, _source(p))):
        course = _from_entry_point(point)
        twins = sorted(_source(p) for p in points if p.name == point.name and p is not point)
        if twins and point.name != BUILTIN_ID:
            course.errors.insert(0, _twice(point.name, twins))
        found.append(course)
    return found


def find_course(course_id: str) -> InstalledCourse | None:
    """The course with this id (the built-in one wins; a pack is loaded only if asked)."""
    if course_id == BUILTIN_ID:
        return builtin_course()
    matches = [p for p in _entry_points() if p.name == course_id]
    if not matches:
        return None
    first = min(matches, key=_source)
    course = _from_entry_point(first)
    if len(matches) > 1:
        course.errors.insert(0, _twice(course_id, sorted(_source(p) for p in matches
                                                         if p is not first)))
    return course


def _twice(course_id: str, others: list[str]) -> str:
    return (f"the course id {printable(course_id)!r} is also installed by "
            f"{', '.join(others)}; uninstall all but one")


def _entry_points() -> list[EntryPoint]:
    try:
        return list(entry_points(group=GROUP))
    except Exception:  # noqa: BLE001 - broken metadata of one package must not stop tutor
        return []


def _source(point: EntryPoint) -> str:
    dist = point.dist
    if dist is None:
        return f"entry point {point.value}"
    return f"package {printable(dist.name)} {printable(dist.version)}"


def _from_entry_point(point: EntryPoint) -> InstalledCourse:
    course = InstalledCourse(printable(point.name), _source(point))
    if point.name == BUILTIN_ID:
        course.errors.append(f"{BUILTIN_ID!r} is the built-in course's id; a pack cannot "
                             "replace it")
        return course
    try:
        target = point.load()
        where = target() if callable(target) else target
        root = Path(os.fspath(where))
    except (Exception, SystemExit) as exc:  # noqa: BLE001 - any failure is the pack's error
        course.errors.append(f"entry point {printable(point.value)} failed: "
                             f"{type(exc).__name__}: {printable(str(exc))[:300]}")
        return course
    if not root.is_dir():
        course.errors.append(f"entry point {printable(point.value)} gave {printable(str(root))},"
                             " which is not a folder")
        return course
    course.root = root.resolve()
    _with_manifest(course)
    if course.manifest is not None and course.manifest.id != point.name:
        course.errors.append(f"the entry point is named {printable(point.name)!r} but "
                             f"course.yaml says id {course.manifest.id!r}; they must agree")
    return course


def _with_manifest(course: InstalledCourse) -> InstalledCourse:
    if course.root is not None:
        manifest, errors = read_manifest(course.root)
        course.manifest = manifest
        course.errors.extend(str(e) for e in errors)
    return course
