"""The parsed-course cache: what loading a lesson tree gave, kept so the next command need
not parse the YAML again.

One JSON file per lesson tree under :func:`tutor.paths.cache_dir` holds the tree's
*key* (the tutor version, the tree's folder, and every lesson file's path, size,
modification time and SHA-256, with the problems found walking the tree) and what
:func:`tutor.lessons.loader.load_course` produced from exactly those files: a light
index (lesson ids, titles, pillars, summaries, exercise ids, the file of each, and
each lesson's outline, which mastery is computed on), the located errors, and every
loaded lesson as the model's own JSON. Each use re-walks the tree
and re-hashes every file (milliseconds); any difference, a damaged file or another
tutor version means a full load that rewrites the entry. So a lesson file is never
used from here unless these very bytes went through every check of the loader, and
an entry is written only when the files did not change while they were loaded.

What reads the index (``tutor lessons list``, ``tutor check`` finding one exercise,
the app's lesson list with its marks) imports neither pydantic nor YAML. The models
are validated again when read (types, lengths, patterns), without parsing their code
a second time: it parsed when the loader read it (see
:func:`tutor.lessons.fields.code_already_checked`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tutor import __version__, cachefile, paths
from tutor.lessons import tree
from tutor.lessons.located import LessonError
from tutor.lessons.outline import LessonOutline
from tutor.lessons.pillars import PILLARS, by_pillar
from tutor.workerkind import needs_scipy

if TYPE_CHECKING:
    from tutor.lessons.loader import Course
    from tutor.lessons.model import ExerciseStep, Lesson

FORMAT = 2
PRUNE_AFTER_S = 3600.0  # a model file no index names is removed after this long
_MODEL_NAME = re.compile(r"[0-9a-f]{64}\.model\.json")
WHAT = "the lesson cache"
_DAMAGED = WHAT + " at {cache} was damaged (a lesson's model did not check); rebuilt it"


@dataclass(frozen=True)
class ExerciseEntry:
    """One exercise as the index knows it (no models needed)."""

    id: str
    title: str
    function: str
    uses_scipy: bool  # its lesson code names scipy (so its grader should have it warm)


@dataclass(frozen=True)
class LessonEntry:
    """One loaded lesson as the index knows it."""

    id: str
    title: str
    pillar: str
    order: int
    file: Path
    exercises: tuple[ExerciseEntry, ...]
    summary: str
    outline: LessonOutline  # what mastery and "continue" are computed on


@dataclass
class CourseIndex:
    """A lesson tree's lessons (in course order) and errors, from the cache or a fresh
    load; ``notice`` says why a cache file that was there could not be used."""

    root: Path
    lessons: list[LessonEntry] = field(default_factory=list)
    errors: list[LessonError] = field(default_factory=list)
    notice: str | None = None
    cache: Path | None = field(default=None, repr=False)  # the cache folder it came from
    models: dict[str, str] = field(default_factory=dict, repr=False)  # id -> model file
    loaded: Course | None = field(default=None, repr=False)  # set once fully loaded

    def by_pillar(self) -> dict[str, list[LessonEntry]]:
        return by_pillar(self.lessons)

    def exercises(self) -> list[ExerciseEntry]:
        return [ex for lesson in self.lessons for ex in lesson.exercises]

    def entry(self, exercise_id: str) -> ExerciseEntry:
        """The index's entry of one exercise (KeyError if unknown)."""
        for ex in self.exercises():
            if ex.id == exercise_id:
                return ex
        raise KeyError(exercise_id)

    def lesson_of(self, exercise_id: str) -> LessonEntry:
        for lesson in self.lessons:
            if any(ex.id == exercise_id for ex in lesson.exercises):
                return lesson
        raise KeyError(exercise_id)

    def exercise(self, exercise_id: str) -> ExerciseStep:
        """The full model of one exercise, reading (and checking) only that exercise of its
        lesson's cached model: the other steps' models are not built."""
        lesson_id = self.lesson_of(exercise_id).id
        if self.loaded is None:
            text = self._model_text(lesson_id)
            step = None if text is None else _exercise(text, lesson_id, exercise_id)
            if step is not None:
                return step
            self.notice = self.notice or _DAMAGED.format(cache=self.cache)
        lesson = self.course().lesson(lesson_id)
        return next(ex for ex in lesson.exercises if ex.id == exercise_id)

    def lesson(self, lesson_id: str) -> Lesson:
        """The full model of one lesson (KeyError if it is not in the index)."""
        if self.loaded is None:
            model = self._read_model(lesson_id)
            if model is not None:
                return model
        return self.course().lesson(lesson_id)

    def course(self) -> Course:
        """The whole course as :func:`~tutor.lessons.loader.load_course` gives it, but
        without the YAML sources (only the validator needs those: it loads for itself)."""
        if self.loaded is None:
            from tutor.lessons.loader import Course

            lessons = [self._read_model(e.id) for e in self.lessons]
            if all(lesson is not None for lesson in lessons):
                return Course(root=self.root, lessons=lessons,  # type: ignore[arg-type]
                              errors=list(self.errors))
            self._reload()
        assert self.loaded is not None
        return self.loaded

    def _read_model(self, lesson_id: str) -> Lesson | None:
        """One lesson's model from its cache file; None (with a notice) if it is gone or
        damaged."""
        text = self._model_text(lesson_id)
        if text is not None:
            try:
                model = _model(text)
            except ValueError:  # pydantic's ValidationError is one
                model = None
            if model is not None and model.id == lesson_id:
                return model
        self.notice = self.notice or _DAMAGED.format(cache=self.cache)
        return None

    def _model_text(self, lesson_id: str) -> str | None:
        """One lesson's model as the JSON text it was cached as, if its file is there and
        its name is still the hash of that text."""
        if self.cache is None:
            return None
        name = self.models[lesson_id]
        read = cachefile.read_json(self.cache / name, _valid_model, WHAT)
        if read.data is not None and _model_name(read.data["model"]) == name:
            return str(read.data["model"])
        return None

    def _reload(self) -> None:
        """Load the tree in full (a model file was missing or damaged) and cache it anew."""
        fresh = load_index(self.root, cache=self.cache, reload=True)
        self.lessons, self.errors, self.loaded = fresh.lessons, fresh.errors, fresh.loaded


def load_index(root: Path | str | None = None, data: Path | str | None = None, *,
               cache: Path | None = None, reload: bool = False) -> CourseIndex:
    """The index of the tree at ``root`` (default: the configured tree), from the cache
    when its entry matches the files as they are now, else from a full load (which
    rewrites the entry). ``data``: the data dir given on the command line, if any;
    ``cache``: the cache folder (default: ``lessons`` in :func:`tutor.paths.cache_dir`);
    ``reload``: load in full whatever the cache holds."""
    root_path, folder, where = _places(root, data, cache)
    before = tree_key(root_path)
    notice = None
    if before is not None and not reload:
        read = cachefile.read_json(where, _valid_entry, WHAT, _older)
        notice = read.notice
        if read.data is not None and read.data["key"] == before:
            return _from_entry(root_path, read.data, folder)
    index, models = _fresh(root_path, notice)
    if before is not None and models is not None and tree_key(root_path) == before:
        _write(folder, where, before, index, models)
    return index


def cached_index(root: Path | str | None = None, data: Path | str | None = None, *,
                 cache: Path | None = None) -> CourseIndex | None:
    """The index of the tree from the cache alone (see :func:`load_index`), or None when
    no entry matches the files: then nothing is loaded, and a damaged entry is left for
    :func:`load_index` to report and rebuild."""
    root_path, folder, where = _places(root, data, cache)
    key = tree_key(root_path)
    if key is None:
        return None
    read = cachefile.read_json(where, _valid_entry, WHAT, _older)
    if read.data is None or read.data["key"] != key:
        return None
    return _from_entry(root_path, read.data, folder)


def _places(root: Path | str | None, data: Path | str | None,
            cache: Path | None) -> tuple[Path, Path, Path]:
    """The tree's folder, the cache folder and the tree's index file in it."""
    root_path = paths.lessons_dir(root)
    folder = cache or paths.cache_dir(data) / "lessons"
    return root_path, folder, folder / f"{cachefile.text_digest(str(root_path))}.json"


def load_course_cached(root: Path | str | None = None,
                       data: Path | str | None = None) -> tuple[Course, str | None]:
    """The whole course (see :meth:`CourseIndex.course`) and the cache's notice, if any."""
    index = load_index(root, data)
    course = index.course()
    return course, index.notice


def tree_key(root: Path) -> dict[str, Any] | None:
    """What a cache entry of this tree is keyed by, or None when the tree is not a folder
    or some file cannot be stamped (then nothing is cached: the loader reports it)."""
    if not root.is_dir():
        return None
    problems: list[tuple[Path, str]] = []
    files = []
    for path in tree.lesson_files(root, problems):
        stamp = cachefile.stamp(path, tree.MAX_FILE_BYTES)
        if stamp is None:
            return None
        files.append([str(path.relative_to(root)), *stamp.as_list()])
    return {"format": FORMAT, "tutor": __version__, "root": str(root), "files": files,
            "walk": [[str(p), m] for p, m in problems]}


# -- building and reading entries ------------------------------------------------------------

def _model(text: str) -> Lesson:
    from tutor.lessons.fields import code_already_checked
    from tutor.lessons.model import Lesson

    with code_already_checked():
        return Lesson.model_validate_json(text)


def _exercise(text: str, lesson_id: str, exercise_id: str) -> ExerciseStep | None:
    """The exercise ``exercise_id`` of a cached lesson model, checked on its own; None if the
    text is not that lesson's model or the exercise's part does not check."""
    import json

    from tutor.lessons.exercise import ExerciseStep
    from tutor.lessons.fields import code_already_checked

    try:
        data = json.loads(text)
        steps = data["steps"] if data.get("id") == lesson_id else []
        found = [s for s in steps if isinstance(s, dict) and s.get("kind") == "exercise"
                 and s.get("id") == exercise_id]
        if len(found) != 1:
            return None
        with code_already_checked():
            return ExerciseStep.model_validate(found[0])
    except (ValueError, TypeError, KeyError, AttributeError):  # ValidationError is a ValueError
        return None


def _fresh(root: Path, notice: str | None) -> tuple[CourseIndex, dict[str, str] | None]:
    """A full load, and each lesson's model as JSON: None when a lesson does not survive
    the trip to JSON and back unchanged (then the tree is not cached)."""
    from tutor.lessons.loader import load_course

    course = load_course(root)
    index = CourseIndex(root, errors=list(course.errors), notice=notice, loaded=course)
    models: dict[str, str] | None = {}
    for lesson in course.lessons:
        text = lesson.model_dump_json()
        if models is not None and _model(text) == lesson:
            models[lesson.id] = text
        else:
            models = None
        index.lessons.append(_entry(lesson, course.sources[lesson.id].path))
    return index, models


def _entry(lesson: Lesson, file: Path) -> LessonEntry:
    return LessonEntry(lesson.id, lesson.title, lesson.pillar, lesson.order, file, tuple(
        ExerciseEntry(ex.id, ex.title, ex.function, needs_scipy(ex.model_dump_json()))
        for ex in lesson.exercises), lesson.summary, lesson.outline)


def _write(folder: Path, where: Path, key: dict[str, Any], index: CourseIndex,
           models: dict[str, str]) -> None:
    """Each lesson's model in a file named by its digest (:func:`_model_name`), then the
    index that names them: a reader never finds an index whose model files are not
    written yet. Then model files no index names any more are removed."""
    names = {}
    for lesson in index.lessons:
        name = _model_name(models[lesson.id])
        if not cachefile.write_json(folder / name, {"model": models[lesson.id]}):
            return
        names[lesson.id] = name
    cachefile.write_json(where, {
        "key": key,
        "lessons": [[e.id, e.title, e.pillar, e.order, str(e.file),
                     [[x.id, x.title, x.function, x.uses_scipy] for x in e.exercises],
                     names[e.id], e.summary, e.outline.to_json()] for e in index.lessons],
        "errors": [[str(e.file), e.line, e.column, e.key_path, e.message]
                   for e in index.errors],
    })
    _prune(folder)


def _prune(folder: Path) -> None:
    """Remove the model files that no index in ``folder`` names (a lesson edited since),
    once they are old enough that no other process can be about to write the index that
    names them. Best effort: a file in use elsewhere is read before it could go."""
    import time

    named: set[str] = set()
    try:
        files = list(folder.iterdir())
        for path in files:
            if path.suffix == ".json" and not path.name.endswith(".model.json"):
                read = cachefile.read_json(path, _valid_entry, WHAT, _older)
                if read.data is None:
                    return  # an index we cannot read may name any of them
                named.update(item[6] for item in read.data["lessons"])
        old = time.time() - PRUNE_AFTER_S
        for path in files:
            if path.name.endswith(".model.json") and path.name not in named and (
                    path.stat().st_mtime < old):
                path.unlink()
    except OSError:
        return


def _from_entry(root: Path, data: dict[str, Any], folder: Path) -> CourseIndex:
    index = CourseIndex(root, cache=folder)
    for lesson_id, title, pillar, order, file, exercises, model, summary, steps in (
            data["lessons"]):
        outline = LessonOutline.from_json(steps)
        assert outline is not None  # _valid_entry checked it
        index.lessons.append(LessonEntry(lesson_id, title, pillar, order, Path(file), tuple(
            ExerciseEntry(*x) for x in exercises), summary, outline))
        index.models[lesson_id] = model
    index.errors = [LessonError(Path(f), line, col, key, message)
                    for f, line, col, key, message in data["errors"]]
    return index


def _model_name(model: str) -> str:
    """A model's file name: the digest of this tutor's version and the model's JSON (so a
    file whose text does not match its name is damaged)."""
    return f"{cachefile.text_digest(__version__, model)}.model.json"


def _valid_model(data: Any) -> bool:
    return isinstance(data, dict) and set(data) == {"model"} and isinstance(data["model"], str)


def _older(data: Any) -> bool:
    """Whether an index names another cache format or tutor version as its writer."""
    key = data.get("key") if isinstance(data, dict) else None
    return (isinstance(key, dict) and {"format", "tutor"} <= key.keys()
            and (key["format"], key["tutor"]) != (FORMAT, __version__))


def _valid_entry(data: Any) -> bool:
    """Whether ``data`` has the shape :func:`_to_entry` writes (types included)."""
    if not (isinstance(data, dict) and set(data) == {"key", "lessons", "errors"}
            and isinstance(data["key"], dict) and isinstance(data["lessons"], list)
            and isinstance(data["errors"], list)):
        return False
    seen: set[str] = set()
    for item in data["lessons"]:
        if not (isinstance(item, list) and len(item) == 9
                and all(isinstance(item[i], str) for i in (0, 1, 4, 6, 7))
                and _MODEL_NAME.fullmatch(item[6]) is not None
                and item[2] in PILLARS and type(item[3]) is int
                and isinstance(item[5], list) and LessonOutline.from_json(item[8]) is not None):
            return False
        if item[0] in seen:
            return False
        seen.add(item[0])
        for ex in item[5]:
            if not (isinstance(ex, list) and len(ex) == 4 and cachefile.is_str_list(ex[:3])
                    and type(ex[3]) is bool):
                return False
    return all(isinstance(e, list) and len(e) == 5 and isinstance(e[0], str)
               and type(e[1]) is int and type(e[2]) is int and cachefile.is_str_list(e[3:])
               for e in data["errors"])
