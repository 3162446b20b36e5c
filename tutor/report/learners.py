"""Read progress exports into one small summary per learner.

Each file is read once and dropped as soon as its summary is made: only the
counts a report needs are kept, never the attempts' code. The progress rules
are not restated here: an export's rows go through the same fold
(``tutor.progress.fold``) and mastery rules as the store's.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import Counter
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from tutor.lessons.loader import Course, printable
from tutor.progress.mastery import ExerciseStatus, compute_mastery, exercise_status
from tutor.progress.transfer import ExportFile, TransferError, load_export, records_of


@dataclass(frozen=True)
class ExerciseWork:
    """One learner on one exercise they started."""

    status: ExerciseStatus
    attempts: int
    hints: int
    solution_shown: bool


@dataclass
class LearnerSummary:
    """What the report keeps of one export."""

    name: str
    file: str
    exported_at: float
    pillars_mastered: list[str]
    pillars_done: list[str]  # every exercise and checkpoint passed, aided or not
    exercises: dict[str, ExerciseWork]  # the course's exercises they checked code for
    checkpoints: dict[str, float]  # checkpoint key -> best score, tried ones only
    mistakes: dict[str, Counter[str]] = field(default_factory=dict)  # exercise -> counts
    # who it is: the learner's name (casefolded) and the uid of their first event
    identity: tuple[str | None, str | None] = (None, None)

    def status(self, exercise_id: str) -> ExerciseStatus:
        work = self.exercises.get(exercise_id)
        return "new" if work is None else work.status


@dataclass(frozen=True)
class Skipped:
    """A file left out of the report, and why."""

    file: str
    reason: str


@dataclass
class ClassData:
    """The learners read (in file order) and the files skipped."""

    learners: list[LearnerSummary] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


def checkpoint_key(lesson_id: str, checkpoint_id: str) -> str:
    """How a checkpoint is named in the report's columns."""
    return f"{lesson_id}:{checkpoint_id}"


PARALLEL_FROM = 200  # files; fewer are read in this process
MAX_WORKERS = 4


def read_class(files: Iterable[str | Path], course: Course, course_id: str | None, *,
               workers: int | None = None) -> ClassData:
    """Summaries of every usable export in ``files`` of ``course`` (exports that name
    another course than ``course_id`` are skipped). Two exports of one learner (the
    same name, or the same first recorded event) keep the newer and skip the other.

    ``workers`` processes summarise the files (default: one per core, up to
    ``MAX_WORKERS``, from ``PARALLEL_FROM`` files on); results are taken in file order,
    so the outcome does not depend on it."""
    paths = list(files)
    if workers is None:
        workers = min(os.cpu_count() or 1, MAX_WORKERS) if len(paths) >= PARALLEL_FROM else 1
    picker = _Deduplicator()
    if workers <= 1:
        for path in paths:
            picker.add(summarize_file(path, course, course_id))
    else:
        # forked workers inherit the loaded course (nothing is pickled but results)
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker,
                                 initargs=(course, course_id)) as pool:
            for result in pool.map(_worker_summarize, paths,
                                   chunksize=max(1, len(paths) // (8 * workers))):
                picker.add(result)
    return picker.data()


def summarize_file(file: str | Path, course: Course,
                   course_id: str | None) -> LearnerSummary | Skipped:
    """One file's summary, or why it is skipped."""
    shown = printable(str(file))
    try:
        export = load_export(file)
    except TransferError as exc:
        reason = str(exc).splitlines()[0]
        for prefix in (f"{file}: ", f"{file} "):
            reason = reason.removeprefix(prefix)
        return Skipped(shown, printable(reason))
    other = export.course.id if export.course else None
    if course_id is not None and other is not None and other != course_id:
        return Skipped(shown, f"progress in the course {other!r}, not {course_id!r}")
    return summarize(export, course, shown)


_worker: tuple[Course, str | None] | None = None


def _start_worker(course: Course, course_id: str | None) -> None:
    global _worker
    _worker = (course, course_id)


def _worker_summarize(file: str | Path) -> LearnerSummary | Skipped:
    assert _worker is not None
    return summarize_file(file, *_worker)


class _Deduplicator:
    """Keeps one summary per learner (the newer export), in the order first seen."""

    def __init__(self) -> None:
        self.skipped: list[Skipped] = []
        self.kept: dict[int, LearnerSummary] = {}
        self.by_name: dict[str, int] = {}
        self.by_origin: dict[str, int] = {}

    def add(self, result: LearnerSummary | Skipped) -> None:
        if isinstance(result, Skipped):
            self.skipped.append(result)
            return
        name, origin = result.identity
        slot = self.by_name.get(name) if name is not None else None
        if slot is None and origin is not None:
            slot = self.by_origin.get(origin)
        if slot is None:
            slot = len(self.kept)
            self.kept[slot] = result
        else:
            older, newer = sorted((self.kept[slot], result), key=lambda s: s.exported_at)
            self.skipped.append(Skipped(older.file, f"the same learner as {newer.file}, "
                                        "which is newer"))
            self.kept[slot] = newer
        if name is not None:
            self.by_name.setdefault(name, slot)
        if origin is not None:
            self.by_origin.setdefault(origin, slot)

    def data(self) -> ClassData:
        return ClassData([self.kept[i] for i in sorted(self.kept)], self.skipped)


def summarize(export: ExportFile, course: Course, file: str) -> LearnerSummary:
    """The report's view of one export of ``course``."""
    records = records_of(export)
    mastery = compute_mastery(records, course)
    exercises: dict[str, ExerciseWork] = {}
    for exercise in course.exercises():
        state = records.exercises.get(exercise.id)
        if state is None or state.attempts == 0:
            continue
        exercises[exercise.id] = ExerciseWork(exercise_status(records, exercise.id),
                                              state.attempts, state.hints, state.solution_shown)
    mistakes: dict[str, Counter[str]] = {}
    for attempt in export.attempts:
        if attempt.mistake and attempt.exercise_id in exercises:
            name = printable(attempt.mistake)
            mistakes.setdefault(attempt.exercise_id, Counter())[name] += 1
    checkpoints = {
        checkpoint_key(lesson.id, cp.id): state.best_score
        for lesson in course.lessons for cp in lesson.checkpoints
        if (state := records.checkpoints.get((lesson.id, cp.id))) is not None
    }
    return LearnerSummary(
        name=printable(export.learner) if export.learner else Path(file).stem,
        file=file,
        exported_at=export.exported_at,
        pillars_mastered=[p for p, m in mastery.pillars.items() if m.mastered],
        pillars_done=[p for p, m in mastery.pillars.items() if m.total and m.done == m.total],
        exercises=exercises,
        checkpoints=checkpoints,
        mistakes=mistakes,
        identity=(export.learner.casefold() if export.learner else None, _origin(export)),
    )


def _origin(export: ExportFile) -> str | None:
    """The uid of the learner's first recorded event: the same in every later export of
    the same progress (uids are random, so two learners never share one)."""
    events = [(a.at, a.uid) for a in export.attempts] + [(a.at, a.uid) for a in export.answers]
    events += [(c.at, c.uid) for c in export.checkpoints]
    return min(events)[1] if events else None
