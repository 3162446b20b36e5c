"""Export progress to a JSON file and merge such a file back in.

The file is ``{"format": "tutor-progress", "version": 3, "exported_at": ..., "learner":
name or null, "course": {"id", "version"} or null, <table>: [rows]}``; version 2 (no
review cards nor logs) and 1 (no learner, course nor ``mistake`` in attempts) are still
read. Import validates the whole
file before touching the database and merges in one transaction, so a bad file
changes nothing. Merging is idempotent: logged events (attempts, answers, checkpoint
results) are keyed by their ``uid``; steps keep the earliest completion; drafts,
positions and the last position keep the newest; hints keep the maximum; solutions
the earliest view. Review logs are keyed by their ``uid`` too; the cards of the items
that got new logs are rebuilt from all their logs (``cards.rebuild``), and items got
right with no card yet get one (``cards.sync``), so an older export starts a schedule.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from tutor.progress import cards
from tutor.progress.fold import fold_records
from tutor.progress.records import Records
from tutor.progress.store import ProgressStore

FORMAT = "tutor-progress"
FORMAT_VERSION = 3

Id = Annotated[str, Field(min_length=1, max_length=300)]
Uid = Annotated[str, Field(pattern=r"^[0-9a-f]{32}$")]
Time = Annotated[float, Field(ge=0, allow_inf_nan=False)]
Count = Annotated[int, Field(ge=0, le=1_000_000)]
# A name shown in reports: one line, no control or direction-changing characters.
Name = Annotated[str, Field(min_length=1, max_length=100,
                            pattern="^[^\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e"
                            "\u2066-\u2069]+$")]


class TransferError(Exception):
    """The file cannot be written or read as a progress export; nothing was changed."""


class _Row(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class AttemptRow(_Row):
    uid: Uid
    exercise_id: Id
    at: Time
    status: Annotated[str, Field(min_length=1, max_length=40)]
    passed: bool
    duration_ms: Annotated[float, Field(ge=0, allow_inf_nan=False)]
    hints_used: Count
    after_solution: bool
    code_sha256: Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]
    code: str
    mistake: Annotated[str, Field(max_length=200)] | None = None

    @model_validator(mode="after")
    def _hash_matches(self) -> AttemptRow:
        digest = hashlib.sha256(self.code.encode("utf-8", "surrogatepass")).hexdigest()
        if digest != self.code_sha256:
            raise ValueError("code_sha256 does not match code")
        return self


class StepRow(_Row):
    lesson_id: Id
    step_index: Count
    completed_at: Time


class AnswerRow(_Row):
    uid: Uid
    question_id: Id
    answer: str
    correct: bool
    at: Time


class CheckpointRow(_Row):
    uid: Uid
    lesson_id: Id
    checkpoint_id: Id
    score: Annotated[float, Field(ge=0, le=1, allow_inf_nan=False)]
    passed: bool
    at: Time


class DraftRow(_Row):
    exercise_id: Id
    code: str
    updated_at: Time


class HintRow(_Row):
    exercise_id: Id
    revealed: Count
    updated_at: Time


class SolutionRow(_Row):
    exercise_id: Id
    first_at: Time


class PositionRow(_Row):
    lesson_id: Id
    step_index: Count
    updated_at: Time


class ReviewCardRow(_Row):
    """An FSRS card (``tutor.progress.schedule.CardRow``)."""

    item_id: Id
    kind: Literal["exercise", "question"]
    state: Annotated[int, Field(ge=1, le=3)]
    step: Count | None
    stability: Annotated[float, Field(gt=0, allow_inf_nan=False)] | None
    difficulty: Annotated[float, Field(ge=1, le=10, allow_inf_nan=False)] | None
    due: Time
    last_review: Time | None


class ReviewLogRow(_Row):
    uid: Uid
    item_id: Id
    kind: Literal["exercise", "question"]
    rating: Annotated[int, Field(ge=1, le=4)]
    at: Time


class CourseRef(_Row):
    """Which course the progress is of."""

    id: Id
    version: Annotated[str, Field(min_length=1, max_length=40)]


class ExportFile(_Row):
    """The whole file; ``strict`` so that e.g. ``"1"`` is not taken for ``1``."""

    format: str
    version: Annotated[int, Field(ge=1, le=FORMAT_VERSION)]
    exported_at: Time
    learner: Name | None = None
    course: CourseRef | None = None
    attempts: list[AttemptRow] = []
    steps: list[StepRow] = []
    answers: list[AnswerRow] = []
    checkpoints: list[CheckpointRow] = []
    drafts: list[DraftRow] = []
    hints: list[HintRow] = []
    solutions: list[SolutionRow] = []
    positions: list[PositionRow] = []
    last_position: PositionRow | None = None
    review_cards: list[ReviewCardRow] = []
    review_logs: list[ReviewLogRow] = []


# How each table merges: the statement run per row (named parameters = row fields).
_MERGE: dict[str, str] = {
    "attempts": "INSERT OR IGNORE INTO attempts (uid, exercise_id, at, status, passed,"
    " duration_ms, hints_used, after_solution, code_sha256, code, mistake) VALUES (:uid,"
    " :exercise_id, :at, :status, :passed, :duration_ms, :hints_used, :after_solution,"
    " :code_sha256, :code, :mistake)",
    "steps": "INSERT INTO steps (lesson_id, step_index, completed_at) VALUES (:lesson_id,"
    " :step_index, :completed_at) ON CONFLICT (lesson_id, step_index) DO UPDATE SET"
    " completed_at = excluded.completed_at WHERE excluded.completed_at < completed_at",
    "answers": "INSERT OR IGNORE INTO answers (uid, question_id, answer, correct, at)"
    " VALUES (:uid, :question_id, :answer, :correct, :at)",
    "checkpoints": "INSERT OR IGNORE INTO checkpoints (uid, lesson_id, checkpoint_id, score,"
    " passed, at) VALUES (:uid, :lesson_id, :checkpoint_id, :score, :passed, :at)",
    "drafts": "INSERT INTO drafts (exercise_id, code, updated_at) VALUES (:exercise_id, :code,"
    " :updated_at) ON CONFLICT (exercise_id) DO UPDATE SET code = excluded.code,"
    " updated_at = excluded.updated_at WHERE excluded.updated_at > updated_at",
    "hints": "INSERT INTO hints (exercise_id, revealed, updated_at) VALUES (:exercise_id,"
    " :revealed, :updated_at) ON CONFLICT (exercise_id) DO UPDATE SET"
    " revealed = excluded.revealed, updated_at = excluded.updated_at"
    " WHERE excluded.revealed > revealed",
    "solutions": "INSERT INTO solutions (exercise_id, first_at) VALUES (:exercise_id,"
    " :first_at) ON CONFLICT (exercise_id) DO UPDATE SET first_at = excluded.first_at"
    " WHERE excluded.first_at < first_at",
    "positions": "INSERT INTO positions (lesson_id, step_index, updated_at) VALUES (:lesson_id,"
    " :step_index, :updated_at) ON CONFLICT (lesson_id) DO UPDATE SET"
    " step_index = excluded.step_index, updated_at = excluded.updated_at"
    " WHERE excluded.updated_at > updated_at",
    "last_position": "INSERT INTO last_position (id, lesson_id, step_index, updated_at)"
    " VALUES (1, :lesson_id, :step_index, :updated_at) ON CONFLICT (id) DO UPDATE SET"
    " lesson_id = excluded.lesson_id, step_index = excluded.step_index,"
    " updated_at = excluded.updated_at WHERE excluded.updated_at > updated_at",
    "review_logs": "INSERT OR IGNORE INTO review_logs (uid, item_id, kind, rating, at)"
    " VALUES (:uid, :item_id, :kind, :rating, :at)",
}

# Columns exported per table, in file order (the same names as the row models).
_COLUMNS: dict[str, tuple[str, ...]] = {
    name: tuple(model.model_fields)
    for name, model in {
        "attempts": AttemptRow, "steps": StepRow, "answers": AnswerRow,
        "checkpoints": CheckpointRow, "drafts": DraftRow, "hints": HintRow,
        "solutions": SolutionRow, "positions": PositionRow, "last_position": PositionRow,
        "review_cards": ReviewCardRow, "review_logs": ReviewLogRow,
    }.items()
}
_BOOLEAN_COLUMNS = {"passed", "after_solution", "correct"}


@dataclass(frozen=True)
class Merged:
    """What importing did to one table: new rows, rows changed, rows already there."""

    added: int
    updated: int
    unchanged: int


def export_data(store: ProgressStore, *, learner: str | None = None,
                course: CourseRef | None = None) -> dict[str, Any]:
    """Everything in the store as a JSON-ready dict (read in one transaction), labelled
    with the learner's name and the course when given."""
    try:
        head = ExportFile(format=FORMAT, version=FORMAT_VERSION, exported_at=time.time(),
                          learner=learner, course=course)
    except ValidationError as exc:
        raise TransferError(f"the learner name {learner!r} must be 1 to 100 characters on "
                            "one line, without control characters") from exc

    def dump(conn: sqlite3.Connection) -> dict[str, Any]:
        data: dict[str, Any] = head.model_dump(include={"format", "version", "exported_at",
                                                        "learner", "course"})
        conn.execute("BEGIN")
        try:
            for table, columns in _COLUMNS.items():
                order = "id" if table in ("attempts", "answers", "checkpoints", "review_logs") \
                    else columns[0]
                cursor = conn.execute(f"SELECT {', '.join(columns)} FROM {table} ORDER BY {order}")
                rows = [_row_to_json(columns, values) for values in cursor]
                data[table] = rows if table != "last_position" else (rows[0] if rows else None)
        finally:
            conn.execute("COMMIT")
        return data

    return store.read_strict(dump)


def export_progress(store: ProgressStore, file: str | Path, *, learner: str | None = None,
                    course: CourseRef | None = None) -> dict[str, int]:
    """Write the store to ``file`` ("-" for stdout), atomically; return rows per table."""
    data = export_data(store, learner=learner, course=course)
    text = json.dumps(data, indent=1, ensure_ascii=False) + "\n"
    if str(file) == "-":
        sys.stdout.write(text)
    else:
        _write_atomically(Path(file), text)
    return {t: (len(v) if isinstance(v, list) else int(v is not None))
            for t, v in data.items() if t in _COLUMNS}


def load_export(file: str | Path) -> ExportFile:
    """Read and validate an export file; raise TransferError saying what is wrong."""
    name = "stdin" if str(file) == "-" else str(file)
    try:
        text = sys.stdin.read() if str(file) == "-" else Path(file).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise TransferError(f"cannot read {name}: {exc}") from exc
    try:  # the fast path, parsed and checked in one pass; the checks below say what is wrong
        export = ExportFile.model_validate_json(text)
        if export.format == FORMAT:
            return export
    except ValidationError:
        pass
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        raise TransferError(f"{name} is not JSON (line {exc.lineno} column {exc.colno}: "
                            f"{exc.msg})") from exc
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        raise TransferError(f"{name} is not a tutor progress export (no \"format\": \"{FORMAT}\")")
    version = raw.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise TransferError(f"{name}: \"version\" must be an integer")
    if version > FORMAT_VERSION:
        raise TransferError(f"{name} was exported by a newer tutor (format version {version}; "
                            f"this one reads up to {FORMAT_VERSION}): upgrade tutor to import it")
    try:
        return ExportFile.model_validate(raw)
    except ValidationError as exc:
        raise TransferError(f"{name} is not a valid progress export:\n{_describe(exc)}") from exc


def import_progress(store: ProgressStore, file: str | Path, *,
                    course_id: str | None = None) -> dict[str, Merged]:
    """Merge an export into the store in one transaction; return what changed per table.

    Raises TransferError for a bad file, or one of another course than ``course_id``
    (when both say), and ProgressError if the store cannot be written; in both cases
    nothing was changed.
    """
    export = load_export(file)
    if course_id is not None and export.course is not None and export.course.id != course_id:
        raise TransferError(f"{file} holds progress in the course {export.course.id!r}, not "
                            f"{course_id!r}: import it with `tutor --course "
                            f"{export.course.id} progress import`")
    return store.transact(lambda conn: _merge(conn, export))


def records_of(export: ExportFile) -> Records:
    """What the store would read back after importing ``export`` into an empty store
    (the same fold of the same rows; steps and positions are left out)."""
    return fold_records(
        attempts=((a.exercise_id, a.at, a.status, a.passed, a.after_solution, a.code)
                  for a in export.attempts),
        hints=((h.exercise_id, h.revealed) for h in export.hints),
        solutions=(s.exercise_id for s in export.solutions),
        answers=((a.question_id, a.correct, a.at) for a in export.answers),
        checkpoints=((c.lesson_id, c.checkpoint_id, c.passed, c.score, c.at)
                     for c in export.checkpoints),
    )


def _merge(conn: sqlite3.Connection, export: ExportFile) -> dict[str, Merged]:
    report: dict[str, Merged] = {}
    reviewed: set[str] = set()
    for table, statement in _MERGE.items():
        value = getattr(export, table)
        rows: list[_Row] = value if isinstance(value, list) else ([value] if value else [])
        before = int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
        changed = 0
        for row in rows:
            count = conn.execute(statement, row.model_dump()).rowcount
            changed += count
            if count and isinstance(row, ReviewLogRow):
                reviewed.add(row.item_id)
        added = int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]) - before
        report[table] = Merged(added, changed - added, len(rows) - changed)
    report["review_cards"] = _merge_cards(conn, reviewed, len(export.review_cards))
    return report


def _merge_cards(conn: sqlite3.Connection, reviewed: set[str], in_file: int) -> Merged:
    """Rebuild the cards of items with new logs, make the missing ones; what changed."""
    had = {i for (i,) in conn.execute("SELECT item_id FROM review_cards")}
    cards.rebuild(conn, sorted(reviewed))
    made = cards.sync(conn)
    added = len(reviewed - had) + made
    updated = len(reviewed & had)
    return Merged(added, updated, max(0, in_file - added - updated))


def _row_to_json(columns: tuple[str, ...], values: tuple[Any, ...]) -> dict[str, Any]:
    return {c: bool(v) if c in _BOOLEAN_COLUMNS else v for c, v in zip(columns, values,
                                                                       strict=True)}


def _describe(exc: ValidationError, limit: int = 10) -> str:
    """One line per problem, ``key.path: message``, at most ``limit`` of them."""
    lines = []
    for error in exc.errors()[:limit]:
        where = ".".join(str(part) for part in error["loc"]) or "(top level)"
        lines.append(f"  {where}: {error['msg']}")
    if exc.error_count() > limit:
        lines.append(f"  ... and {exc.error_count() - limit} more")
    return "\n".join(lines)


def _write_atomically(path: Path, text: str) -> None:
    """Write ``text`` to a temporary file beside ``path`` and rename it into place."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    except OSError as exc:
        raise TransferError(f"cannot write {path}: {exc}") from exc
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise TransferError(f"cannot write {path}: {exc}") from exc
