"""Read progress exports into one small summary per learner.

Each file is read once and dropped as soon as its summary is made: only the
counts a report needs are kept, never the attempts' code. The progress rules
are not restated here: an export is merged into an in-memory progress database
and read back with the same queries and mastery rules as ``tutor progress``.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from tutor.lessons.loader import Course, printable
from tutor.progress.mastery import ExerciseStatus, compute_mastery, exercise_status
from tutor.progress.transfer import (
    ExportFile,
    TransferError,
    load_export,
    records_of,
    scratch_database,
)


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


def read_class(files: Iterable[str | Path], course: Course, course_id: str | None) -> ClassData:
    """Summaries of every usable export in ``files`` of ``course`` (exports that name
    another course than ``course_id`` are skipped). Two exports of one learner (the
    same name, or the same first recorded event) keep the newer and skip the other."""
    reader = _ClassReader(course, course_id)
    try:
        for file in files:
            reader.read(file)
    finally:
        reader.scratch.close()
    reader.data.learners = [reader.kept[i] for i in sorted(reader.kept)]
    return reader.data


class _ClassReader:
    """The state of one ``read_class``: learners kept by identity slot, the names and
    first events seen, and one scratch database reused for every file."""

    def __init__(self, course: Course, course_id: str | None) -> None:
        self.course, self.course_id = course, course_id
        self.data = ClassData()
        self.kept: dict[int, LearnerSummary] = {}
        self.by_name: dict[str, int] = {}
        self.by_origin: dict[str, int] = {}
        self.scratch = scratch_database()

    def read(self, file: str | Path) -> None:
        shown = printable(str(file))
        try:
            export = load_export(file)
        except TransferError as exc:
            reason = str(exc).splitlines()[0]
            for prefix in (f"{file}: ", f"{file} "):
                reason = reason.removeprefix(prefix)
            self.data.skipped.append(Skipped(shown, printable(reason)))
            return
        other = export.course.id if export.course else None
        if self.course_id is not None and other is not None and other != self.course_id:
            self.data.skipped.append(Skipped(shown, f"progress in the course {other!r}, not "
                                             f"{self.course_id!r}"))
            return
        self._keep(summarize(export, self.course, shown, self.scratch), export)

    def _keep(self, summary: LearnerSummary, export: ExportFile) -> None:
        origin = _origin(export)
        name = export.learner.casefold() if export.learner else None
        slot = self.by_name.get(name) if name is not None else None
        if slot is None and origin is not None:
            slot = self.by_origin.get(origin)
        if slot is None:
            slot = len(self.kept)
            self.kept[slot] = summary
        else:
            older, newer = sorted((self.kept[slot], summary), key=lambda s: s.exported_at)
            self.data.skipped.append(Skipped(older.file, f"the same learner as {newer.file}, "
                                             "which is newer"))
            self.kept[slot] = newer
        if name is not None:
            self.by_name.setdefault(name, slot)
        if origin is not None:
            self.by_origin.setdefault(origin, slot)


def summarize(export: ExportFile, course: Course, file: str,
              scratch: sqlite3.Connection) -> LearnerSummary:
    """The report's view of one export of ``course`` (``scratch``: see ``records_of``)."""
    records = records_of(export, scratch)
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
    )


def _origin(export: ExportFile) -> str | None:
    """The uid of the learner's first recorded event: the same in every later export of
    the same progress (uids are random, so two learners never share one)."""
    events = [(a.at, a.uid) for a in export.attempts] + [(a.at, a.uid) for a in export.answers]
    events += [(c.at, c.uid) for c in export.checkpoints]
    return min(events)[1] if events else None
