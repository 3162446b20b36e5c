"""Load a lesson tree (``<root>/<pillar>/*.yaml``) into a :class:`Course`.

Problems never raise: each becomes a :class:`LessonError` naming file, line,
column and key path, and the broken lesson is left out while the rest load.
"""

from __future__ import annotations

import ast
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from tutor import paths
from tutor.lessons.errors import describe_validation_error
from tutor.lessons.model import PILLARS, ExerciseStep, Lesson
from tutor.lessons.yamlsource import KeyPath, SourceError, YamlSource, read_yaml

MAX_FILES = 2_000
LESSON_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class LessonError:
    """One located problem in a lesson file."""

    file: Path
    line: int
    column: int
    key_path: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        return f"{where}: {self.key_path}: {self.message}" if self.key_path else (
            f"{where}: {self.message}"
        )


def format_path(path: KeyPath) -> str:
    """``('steps', 2, 'hints')`` → ``steps[2].hints``."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


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
        grouped: dict[str, list[Lesson]] = {p: [] for p in PILLARS}
        for lesson in self.lessons:
            grouped[lesson.pillar].append(lesson)
        return grouped

    def source_of(self, lesson_id: str) -> Path:
        return self.sources[lesson_id].path

    def locate(self, lesson_id: str, key_path: KeyPath) -> tuple[int, int]:
        mark = self.sources[lesson_id].mark_for(key_path)
        return mark.line, mark.column

    def error_at(self, lesson_id: str, key_path: KeyPath, message: str) -> LessonError:
        """A LessonError pointing at ``key_path`` inside a loaded lesson."""
        source = self.sources[lesson_id]
        mark = source.mark_for(key_path)
        return LessonError(source.path, mark.line, mark.column, format_path(key_path), message)


def _lesson_files(root: Path, errors: list[LessonError]) -> Iterator[Path]:
    """YAML files under pillar folders, not following links out of the tree."""
    count = 0
    real_root = root.resolve()
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith((".", "_")))
        for name in sorted(filenames):
            if name.startswith(".") or not name.endswith(LESSON_SUFFIXES):
                continue
            path = Path(dirpath) / name
            if path.is_symlink() and not path.resolve().is_relative_to(real_root):
                errors.append(LessonError(path, 1, 1, "", "link points outside the lesson tree"))
                continue
            count += 1
            if count > MAX_FILES:
                errors.append(LessonError(path, 1, 1, "", f"more than {MAX_FILES} lesson files"))
                return
            yield path


def _defines(source: str, name: str) -> bool:
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return True  # reported by the model already
    return any(
        isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name == name
        for node in tree.body
    )


def _check_lesson(lesson: Lesson, source: YamlSource, root: Path) -> list[tuple[KeyPath, str]]:
    """Checks within one lesson that the schema cannot express."""
    problems: list[tuple[KeyPath, str]] = []
    rel = source.path.relative_to(root) if source.path.is_relative_to(root) else source.path
    if len(rel.parts) >= 2 and rel.parts[0] != lesson.pillar:
        problems.append(
            (("pillar",), f"lesson is in folder {rel.parts[0]!r} but says pillar {lesson.pillar!r}")
        )
    seen_questions: dict[str, KeyPath] = {}
    for i, step in enumerate(lesson.steps):
        here: KeyPath = ("steps", i)
        if isinstance(step, ExerciseStep):
            problems.extend(_check_exercise(step, lesson, here))
        questions = []
        if step.kind == "question":
            questions = [(step.question, (*here, "question"))]
        elif step.kind == "checkpoint":
            questions = [(q, (*here, "questions", j)) for j, q in enumerate(step.questions)]
            if step.id in seen_questions:
                problems.append(((*here, "id"), f"duplicate id {step.id!r} in this lesson"))
            seen_questions[step.id] = here
        for question, where in questions:
            if question.id in seen_questions:
                problems.append(((*where, "id"), f"duplicate question id {question.id!r} "
                                 "in this lesson"))
            seen_questions[question.id] = where
        spec = step.plot if step.kind == "plot" or isinstance(step, ExerciseStep) else None
        if spec is not None:
            for key, message in _plot_errors(spec.kind, spec.params):
                parts = [int(p) if p.isdigit() else p for p in key.split(".")]
                where = (*here, "plot", "kind") if key in ("", "kind") else (
                    *here, "plot", "params", *parts)
                problems.append((where, message))
    return problems


def _check_exercise(ex: ExerciseStep, lesson: Lesson, here: KeyPath) -> list[tuple[KeyPath, str]]:
    problems: list[tuple[KeyPath, str]] = []
    if ex.id.split("/", 1)[0] != lesson.pillar:
        problems.append(((*here, "id"), f"exercise id must start with the pillar "
                         f"{lesson.pillar!r}/"))
    for wanted in (ex.function, *ex.also):
        for key, code in (("solution", ex.solution), ("starter", ex.starter),
                          ("torch_reference", ex.torch_reference)):
            if code is not None and not _defines(code, wanted):
                problems.append(((*here, key), f"{key} does not define function {wanted!r}"))
        for j, mistake in enumerate(ex.mistakes):
            if not _defines(mistake.code, wanted):
                problems.append(((*here, "mistakes", j, "code"),
                                 f"mistake code does not define function {wanted!r}"))
    if ex.speed and not _defines(ex.speed.baseline, "baseline"):
        problems.append(((*here, "speed", "baseline"), "baseline does not define function "
                         "'baseline'"))
    if ex.plot and ex.plot.case >= len(ex.cases):
        problems.append(((*here, "plot", "case"), f"plot.case {ex.plot.case} is out of range: "
                         f"there are {len(ex.cases)} fixed cases"))
    return problems


def _plot_errors(kind: str, params: dict[str, object]) -> list[tuple[str, str]]:
    try:
        from tutor.plots.specs import plot_spec_errors
    except ImportError:  # plots package absent: nothing to check against
        return []
    return plot_spec_errors(kind, params)


def load_lesson_file(path: Path, root: Path) -> tuple[Lesson | None, YamlSource | None,
                                                      list[LessonError]]:
    """Parse and validate one file."""
    try:
        source = read_yaml(path)
    except SourceError as exc:
        return None, None, [LessonError(path, exc.mark.line, exc.mark.column,
                                        format_path(exc.key_path), exc.message)]
    if not isinstance(source.data, dict):
        return None, source, [LessonError(path, 1, 1, "", "a lesson file must be a mapping of "
                                          "keys (id, title, pillar, order, summary, steps)")]
    try:
        lesson = Lesson.model_validate(source.data)
    except ValidationError as exc:
        errors = []
        for key_path, message, on_key in describe_validation_error(exc, source.data):
            mark = source.mark_for(key_path, key=on_key)
            errors.append(LessonError(path, mark.line, mark.column, format_path(key_path),
                                      message))
        return None, source, errors
    errors = []
    for key_path, message in _check_lesson(lesson, source, root):
        mark = source.mark_for(key_path)
        errors.append(LessonError(path, mark.line, mark.column, format_path(key_path), message))
    return (None if errors else lesson), source, errors


def load_course(root: Path | str | None = None) -> Course:
    """Load every lesson under ``root`` (default: the configured lesson tree)."""
    root_path = paths.lessons_dir(root)
    course = Course(root=root_path)
    if not root_path.is_dir():
        course.errors.append(LessonError(root_path, 1, 1, "", "lesson directory not found"))
        return course
    loaded: list[Lesson] = []
    for path in _lesson_files(root_path, course.errors):
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
    course.lessons = _cross_check(loaded, course)
    order = {p: i for i, p in enumerate(PILLARS)}
    course.lessons.sort(key=lambda le: (order[le.pillar], le.order, le.id))
    return course


def _error(source: YamlSource, key_path: KeyPath, message: str) -> LessonError:
    mark = source.mark_for(key_path)
    return LessonError(source.path, mark.line, mark.column, format_path(key_path), message)


def _cross_check(lessons: list[Lesson], course: Course) -> list[Lesson]:
    """Checks across lessons: unique exercise ids, existing prerequisites."""
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
