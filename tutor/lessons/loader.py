"""Load a lesson tree (``<root>/<pillar>/*.yaml``) into a :class:`Course`.

Problems never raise: each becomes a :class:`LessonError` naming file, line,
column and key path, and the broken lesson is left out while the rest load.
"""

from __future__ import annotations

import ast
import errno
import math
import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ValidationError

from tutor import paths
from tutor.lessons.errors import describe_validation_error
from tutor.lessons.model import PILLARS, ExerciseStep, Lesson
from tutor.lessons.yamlsource import MAX_FILE_BYTES, KeyPath, SourceError, YamlSource, read_yaml

MAX_FILES = 2_000
MAX_ENTRIES = 20_000  # files and folders looked at, lesson or not
MAX_DIR_DEPTH = 8  # folders below the root
MAX_TREE_BYTES = 32 * MAX_FILE_BYTES
MAX_ERRORS_PER_FILE = 30
LESSON_SUFFIXES = (".yaml", ".yml")
CODE_KEYS = frozenset({"solution", "starter", "torch_reference", "code", "generator", "baseline",
                       "args", "compute"})
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """``text`` on one line, with control characters shown as escapes (never sent raw to a
    terminal: lesson files and the errors of their code are untrusted)."""
    return _UNPRINTABLE.sub(lambda m: repr(m.group())[1:-1], text)


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
        text = f"{where}: {self.key_path}: {self.message}" if self.key_path else (
            f"{where}: {self.message}"
        )
        return printable(text)


_PLAIN_KEY = re.compile(r"[A-Za-z0-9_-]{1,64}")


def format_path(path: KeyPath) -> str:
    """``('steps', 2, 'hints')`` → ``steps[2].hints``; odd keys are quoted: ``params['a.b']``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        elif not _PLAIN_KEY.fullmatch(part):
            shown = part if len(part) <= 40 else part[:40] + "..."
            out += f"[{shown!r}]"
        else:
            out += f".{part}" if out else part
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
    """YAML files under pillar folders, in name order, not following links out of the tree
    nor into folders; the number of entries and the depth looked at are capped."""
    count = entries = 0
    real_root = root.resolve()
    stack: list[tuple[Path, int]] = [(root, 0)]
    while stack:
        folder, depth = stack.pop()
        try:
            with os.scandir(folder) as listing:
                found = sorted(listing, key=lambda e: e.name)
        except OSError as exc:
            errors.append(LessonError(folder, 1, 1, "", "cannot read folder: "
                                      f"{exc.strerror or exc}"))
            continue
        entries += len(found)
        if entries > MAX_ENTRIES:
            errors.append(LessonError(folder, 1, 1, "", f"the lesson tree has more than "
                                      f"{MAX_ENTRIES} files and folders; not read further"))
            return
        subfolders: list[Path] = []
        for entry in found:
            name, path = entry.name, Path(entry.path)
            try:
                is_dir = entry.is_dir(follow_symlinks=False)
            except OSError:
                is_dir = False
            if name.startswith(".") or (is_dir and name.startswith("_")):
                continue
            if is_dir:
                if depth + 1 > MAX_DIR_DEPTH:
                    errors.append(LessonError(path, 1, 1, "", f"folders nested more than "
                                              f"{MAX_DIR_DEPTH} deep are not read"))
                else:
                    subfolders.append(path)
                continue
            if not name.endswith(LESSON_SUFFIXES):
                continue
            problem = _link_problem(path, real_root)
            if problem:
                errors.append(LessonError(path, 1, 1, "", problem))
                continue
            count += 1
            if count > MAX_FILES:
                errors.append(LessonError(path, 1, 1, "", f"more than {MAX_FILES} lesson files; "
                                          "not read further"))
                return
            yield path
        stack.extend((sub, depth + 1) for sub in reversed(subfolders))


def _link_problem(path: Path, real_root: Path) -> str | None:
    """Why a symbolic link named like a lesson is not read, or None (not a link, or fine)."""
    if not path.is_symlink():
        return None
    try:
        target = path.resolve(strict=True)
    except (OSError, RuntimeError) as exc:  # RuntimeError: a loop, before Python 3.13
        if isinstance(exc, RuntimeError) or getattr(exc, "errno", None) == errno.ELOOP:
            return "link loop: the link points (through others) back at itself"
        return "broken link: its target does not exist"
    if not target.is_relative_to(real_root):
        return "link points outside the lesson tree"
    return None


def _defines(source: str, name: str) -> bool:
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
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
    except (RecursionError, MemoryError):  # Python's parser, on absurdly nested code
        return None, source, located([(where, "code is nested too deeply for Python to parse",
                                       False) for where in _unparsable_code(source.data)])
    problems = [(where, message, False) for where, message in _check_lesson(lesson, source, root)]
    problems += [(where, message, False) for where, message in _coerced_numbers(
        source.data, lesson)]
    errors = located(problems)
    return (None if errors else lesson), source, errors


def _unparsable_code(data: object, path: KeyPath = ()) -> list[KeyPath]:
    """Key paths of code texts Python's parser gives up on (too deep), at least one."""
    found: list[KeyPath] = []
    stack: list[tuple[object, KeyPath]] = [(data, path)]
    while stack:
        node, where = stack.pop()
        if isinstance(node, dict):
            stack.extend((v, (*where, k)) for k, v in node.items())
        elif isinstance(node, list):
            stack.extend((v, (*where, i)) for i, v in enumerate(node))
        elif isinstance(node, str) and where and where[-1] in CODE_KEYS:
            try:
                ast.parse(f"({node},)" if where[-1] in ("args", "compute") else node)
            except (RecursionError, MemoryError):
                found.append(where)
            except (SyntaxError, ValueError):
                pass
    return sorted(found, key=str) or [()]


def _coerced_numbers(data: object, lesson: Lesson) -> list[tuple[KeyPath, str]]:
    """Numbers the model took from something that was not one.

    ``answer: yes`` or ``order: on``: YAML 1.1 reads these as true/false, and pydantic
    takes them as 1/0. ``tolerance: nan`` or ``1e999`` are strings to YAML, and pydantic
    reads them as not-a-number and infinity. Walks the data beside the model.
    """
    problems: list[tuple[KeyPath, str]] = []
    stack: list[tuple[object, object, KeyPath]] = [(data, lesson, ())]
    while stack:
        raw, model, where = stack.pop()
        if isinstance(model, bool) or not isinstance(model, int | float | dict | list | tuple):
            if isinstance(model, BaseModel) and isinstance(raw, dict):
                stack.extend((value, getattr(model, key, None), (*where, key))
                             for key, value in raw.items() if isinstance(key, str))
            continue
        if isinstance(model, float) and not math.isfinite(model):
            problems.append((where, f"{raw!r} is not allowed: numbers in lessons must be "
                             "finite"))
        elif isinstance(raw, bool) and isinstance(model, int | float):
            what = "a whole number" if isinstance(model, int) else "a number"
            problems.append((where, f"expected {what}, got {str(raw).lower()} (YAML reads "
                             "yes/no/on/off/true/false as true or false)"))
        elif isinstance(raw, dict) and isinstance(model, dict):
            stack.extend((value, model.get(key), (*where, key)) for key, value in raw.items())
        elif isinstance(raw, list) and isinstance(model, list | tuple) and len(model) == len(raw):
            stack.extend((value, model[i], (*where, i)) for i, value in enumerate(raw))
    return sorted(problems, key=lambda p: str(p[0]))


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
    budget = MAX_TREE_BYTES
    for path in _lesson_files(root_path, course.errors):
        try:
            size = path.stat().st_size
        except OSError:
            size = 0  # read_yaml reports it
        if size > budget:
            course.errors.append(LessonError(path, 1, 1, "", f"the lesson files add up to more "
                                             f"than {MAX_TREE_BYTES} bytes; not read further"))
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
