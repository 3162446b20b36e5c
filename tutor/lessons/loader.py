"""Load a lesson tree (``<root>/<pillar>/*.yaml``) into a :class:`Course`.

Problems never raise: each becomes a :class:`LessonError` naming file, line,
column and key path, and the broken lesson is left out while the rest load.
"""

from __future__ import annotations

import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from tutor import paths
from tutor.lessons import tree
from tutor.lessons.checks import coerced_numbers, lesson_problems
from tutor.lessons.errors import describe_validation_error
from tutor.lessons.located import LessonError, format_path, printable  # noqa: F401 - re-exported
from tutor.lessons.model import PILLARS, ExerciseStep, Lesson
from tutor.lessons.pillars import by_pillar
from tutor.lessons.yamlsource import MAX_FILE_BYTES, KeyPath, SourceError, YamlSource, read_yaml

MAX_ERRORS_PER_FILE = 30


@dataclass
class Course:
    """Every lesson of a tree that loaded, plus the errors of those that did not."""

    root: Path
    lessons: list[Lesson] = field(default_factory=list)
    errors: list[LessonError] = field(default_factory=list)
    sources: dict[str, YamlSource] = field(default_factory=dict, repr=False)

    def lesson(self, lesson_id: str) -> Lesson:
        for lesson in self.lessons:
            if lesson.id == lesson_id:
                return lesson
        raise KeyError(lesson_id)

    def exercises(self) -> list[ExerciseStep]:
        return [ex for lesson in self.lessons for ex in lesson.exercises]

    def exercise(self, exercise_id: str) -> ExerciseStep:
        for ex in self.exercises():
            if ex.id == exercise_id:
                return ex
        raise KeyError(exercise_id)

    def lesson_of(self, exercise_id: str) -> Lesson:
        for lesson in self.lessons:
            if any(ex.id == exercise_id for ex in lesson.exercises):
                return lesson
        raise KeyError(exercise_id)

    def by_pillar(self) -> dict[str, list[Lesson]]:
        return by_pillar(self.lessons)

    def error_at(self, lesson_id: str, key_path: KeyPath, message: str, *,
                 text_line: int | None = None) -> LessonError:
        """A LessonError pointing at ``key_path`` inside a loaded lesson (at line
        ``text_line`` of its text, counted from 0, when given)."""
        source = self.sources[lesson_id]
        mark = source.mark_for(key_path) if text_line is None else source.text_mark(
            key_path, text_line)
        return LessonError(source.path, mark.line, mark.column, format_path(key_path), message)


def load_lesson_file(path: Path, root: Path) -> tuple[Lesson | None, YamlSource | None,
                                                      list[LessonError]]:
    """Parse and validate one file."""
    try:
        return _load_lesson_file(path, root)
    except (RecursionError, MemoryError, ValueError, TypeError, OverflowError) as exc:
        # Last resort: whatever a file does, it costs only itself, never the whole course.
        return None, None, [LessonError(path, 1, 1, "", "could not load this file "
                                        f"({exc.__class__.__name__}: {str(exc)[:200]})")]


def _load_lesson_file(path: Path, root: Path) -> tuple[Lesson | None, YamlSource | None,
                                                       list[LessonError]]:
    try:
        source = read_yaml(path)
    except SourceError as exc:
        return None, None, [LessonError(path, exc.mark.line, exc.mark.column,
                                        format_path(exc.key_path), exc.message)]
    if not isinstance(source.data, dict):
        return None, source, [LessonError(path, 1, 1, "", "a lesson file must be a mapping of "
                                          "keys (id, title, pillar, order, summary, steps)")]

    def located(problems: list[tuple[KeyPath, str, bool]], *, counted: bool = True
                ) -> list[LessonError]:
        out = []
        for key_path, message, on_key in problems[:MAX_ERRORS_PER_FILE]:
            mark = source.mark_for(key_path, key=on_key)
            out.append(LessonError(path, mark.line, mark.column, format_path(key_path), message))
        if len(problems) > MAX_ERRORS_PER_FILE:
            more = (f"and {len(problems) - MAX_ERRORS_PER_FILE} more problems in this file"
                    if counted else "more problems in this file are not shown")
            out.append(LessonError(path, 1, 1, "", f"... {more} (fix the ones above first)"))
        return out

    try:
        lesson = Lesson.model_validate(source.data)
    except ValidationError as exc:
        described = describe_validation_error(exc, source.data, raw=source.raw_scalars,
                                              limit=MAX_ERRORS_PER_FILE + 1)
        return None, source, located(described, counted=len(described) <= MAX_ERRORS_PER_FILE)
    problems = [(where, message, False) for where, message in lesson_problems(lesson, source, root)]
    problems += [(where, message, False) for where, message in coerced_numbers(
        source.data, lesson)]
    errors = located(problems)
    return (None if errors else lesson), source, errors


def load_course(root: Path | str | None = None) -> Course:
    """Load every lesson under ``root`` (default: the configured lesson tree)."""
    root_path = paths.lessons_dir(root)
    course = Course(root=root_path)
    try:
        is_dir = stat.S_ISDIR(root_path.stat().st_mode)
    except OSError as exc:
        is_dir = False
        if not isinstance(exc, FileNotFoundError | NotADirectoryError):
            course.errors.append(LessonError(root_path, 1, 1, "", "cannot read lesson directory: "
                                             f"{exc.strerror or exc}"))
            return course
    if not is_dir:
        course.errors.append(LessonError(root_path, 1, 1, "", "lesson directory not found"))
        return course
    loaded: list[Lesson] = []
    budget = tree.MAX_TREE_BYTES
    walk_problems: list[tuple[Path, str]] = []

    def report_walk() -> None:
        course.errors.extend(LessonError(p, 1, 1, "", m) for p, m in walk_problems)
        walk_problems.clear()

    for path in tree.lesson_files(root_path, walk_problems):
        report_walk()
        try:
            size = path.stat().st_size
        except OSError:
            size = 0  # read_yaml reports it
        if size > budget:
            course.errors.append(LessonError(path, 1, 1, "", f"the lesson files add up to more "
                                             f"than {tree.MAX_TREE_BYTES} bytes; not read further"))
            break
        budget -= min(size, MAX_FILE_BYTES)
        lesson, source, errors = load_lesson_file(path, root_path)
        course.errors.extend(errors)
        if lesson is None or source is None:
            continue
        if lesson.id in course.sources:
            first = course.sources[lesson.id].path
            course.errors.append(_error(source, ("id",), f"duplicate lesson id {lesson.id!r} "
                                        f"(also in {first})"))
            continue
        course.sources[lesson.id] = source
        loaded.append(lesson)
    report_walk()
    course.lessons = _cross_check(loaded, course)
    order = {p: i for i, p in enumerate(PILLARS)}
    course.lessons.sort(key=lambda le: (order[le.pillar], le.order, le.id))
    return course


def _error(source: YamlSource, key_path: KeyPath, message: str) -> LessonError:
    mark = source.mark_for(key_path)
    return LessonError(source.path, mark.line, mark.column, format_path(key_path), message)


def _cross_check(lessons: list[Lesson], course: Course) -> list[Lesson]:
    """Checks across lessons: unique exercise ids, existing prerequisites, no cycles."""
    _check_cycles(lessons, course)
    ids = {lesson.id for lesson in lessons}
    owner: dict[str, str] = {}
    keep: list[Lesson] = []
    for lesson in lessons:
        source = course.sources[lesson.id]
        bad = False
        for i, prereq in enumerate(lesson.prerequisites):
            if prereq not in ids:
                course.errors.append(_error(source, ("prerequisites", i),
                                            f"prerequisite {prereq!r} is not a lesson in this "
                                            "tree"))
            elif prereq == lesson.id:
                course.errors.append(_error(source, ("prerequisites", i),
                                            "a lesson cannot be its own prerequisite"))
        for i, step in enumerate(lesson.steps):
            if isinstance(step, ExerciseStep):
                if step.id in owner:
                    other = course.sources[owner[step.id]].path
                    course.errors.append(_error(source, ("steps", i, "id"),
                                                f"duplicate exercise id {step.id!r} (also in "
                                                f"{other})"))
                    bad = True
                else:
                    owner[step.id] = lesson.id
        if bad:
            del course.sources[lesson.id]
        else:
            keep.append(lesson)
    return keep


def _check_cycles(lessons: list[Lesson], course: Course) -> None:
    """Report each prerequisite cycle (a → b → a) once, at the edge that closes it."""
    requires = {lesson.id: list(dict.fromkeys(p for p in lesson.prerequisites if p != lesson.id))
                for lesson in lessons}
    declared = {lesson.id: lesson.prerequisites for lesson in lessons}
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    for start in sorted(requires):
        if state.get(start):
            continue
        path: list[str] = [start]
        todo: list[Iterator[str]] = [iter(requires[start])]
        state[start] = 1
        while todo:
            nxt = next(todo[-1], None)
            if nxt is None:
                state[path.pop()] = 2
                todo.pop()
                continue
            if nxt not in requires or state.get(nxt) == 2:
                continue
            if state.get(nxt) == 1:
                cycle = [*path[path.index(nxt):], nxt]
                here = path[-1]
                index = declared[here].index(nxt)
                course.errors.append(_error(course.sources[here], ("prerequisites", index),
                                            "prerequisite cycle: " + " → ".join(cycle)))
                continue
            state[nxt] = 1
            path.append(nxt)
            todo.append(iter(requires[nxt]))
