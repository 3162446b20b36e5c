"""The learner's progress, kept in ``progress.db`` (sqlite3) under ``paths.data_dir()``.

Every ``record_*`` / ``save_draft`` / ``set_position`` call is one short
transaction and never raises: on a disk problem the store switches to an
in-memory copy, sets ``readonly`` and ``last_error``, and keeps answering from
that copy (see ``tutor.progress.database`` for the policy on damaged, newer or
unwritable files). Reads return what they can (a default on error). One store
may be shared between threads; several processes may use the same file.

Public API beyond docs/architecture.md:

* ``open(data_dir=None, *, clock=time.time)``: ``clock`` gives record times (tests).
* ``path``, ``close()``, context manager use.
* ``records()`` -> ``Records`` snapshot; ``continue_position(course)``.
* ``counts()`` -> rows per table; ``reset(pillar=None)`` -> rows deleted per table.
* ``transact(fn)`` / ``read_strict(fn)``: run ``fn(conn)`` in one write transaction
  / as a read, raising ``ProgressError`` (for import, export and reset, where the
  user must hear of a failure).
* ``notice``: what happened at open (file set aside, newer schema), or None.

``record_hint(exercise_id, n)``: ``n`` is how many hints are now revealed
(the store keeps the maximum). Times are Unix epoch seconds.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import sqlite3
import threading
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, TypeVar

from tutor import paths
from tutor.progress.database import (
    DB_FILENAME,
    classify,
    explain,
    memory_copy,
    open_database,
    retry_busy,
)
from tutor.progress.records import CheckpointState, ExerciseState, Records
from tutor.progress.schema import DATA_TABLES

if TYPE_CHECKING:
    from tutor.progress.mastery import CourseLike, Mastery

T = TypeVar("T")
log = logging.getLogger(__name__)


_INSERT_ATTEMPT = (
    "INSERT INTO attempts (uid, exercise_id, at, status, passed, duration_ms, hints_used,"
    " after_solution, code_sha256, code) VALUES (?, ?, ?, ?, ?, ?, ?,"
    " EXISTS (SELECT 1 FROM solutions WHERE exercise_id = ?), ?, ?)"
)
_INSERT_STEP = (
    "INSERT OR IGNORE INTO steps (lesson_id, step_index, completed_at) VALUES (?, ?, ?)"
)
_INSERT_ANSWER = (
    "INSERT INTO answers (uid, question_id, answer, correct, at) VALUES (?, ?, ?, ?, ?)"
)
_INSERT_CHECKPOINT = (
    "INSERT INTO checkpoints (uid, lesson_id, checkpoint_id, score, passed, at)"
    " VALUES (?, ?, ?, ?, ?, ?)"
)
_UPSERT_DRAFT = (
    "INSERT INTO drafts (exercise_id, code, updated_at) VALUES (?, ?, ?)"
    " ON CONFLICT (exercise_id) DO UPDATE SET code = excluded.code,"
    " updated_at = excluded.updated_at"
)
_UPSERT_HINT = (
    "INSERT INTO hints (exercise_id, revealed, updated_at) VALUES (?, ?, ?)"
    " ON CONFLICT (exercise_id) DO UPDATE SET"
    " revealed = max(revealed, excluded.revealed), updated_at = excluded.updated_at"
)
_INSERT_SOLUTION = "INSERT OR IGNORE INTO solutions (exercise_id, first_at) VALUES (?, ?)"
_UPSERT_POSITION = (
    "INSERT INTO positions (lesson_id, step_index, updated_at) VALUES (?, ?, ?)"
    " ON CONFLICT (lesson_id) DO UPDATE SET step_index = excluded.step_index,"
    " updated_at = excluded.updated_at"
)
_SET_LAST_POSITION = (
    "INSERT OR REPLACE INTO last_position (id, lesson_id, step_index, updated_at)"
    " VALUES (1, ?, ?, ?)"
)


def _text(value: object) -> str:
    """``value`` if it is a str; a TypeError otherwise (sqlite would store anything)."""
    if not isinstance(value, str):
        raise TypeError(f"expected a string, got {type(value).__name__}")
    return value


class ProgressError(Exception):
    """A bulk change (import, reset) could not be made; nothing was changed."""


class ProgressStore:
    """Records what the learner does and answers questions about it."""

    def __init__(
        self,
        conn: sqlite3.Connection,
        path: Path,
        *,
        readonly: bool = False,
        notice: str | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        """Wrap an open connection; use ``ProgressStore.open`` instead."""
        self._conn = conn
        self._lock = threading.RLock()
        self._clock = clock
        self.path = path
        self.readonly = readonly
        self.notice = notice
        self.last_error: str | None = notice

    @classmethod
    def open(
        cls,
        data_dir: str | Path | None = None,
        *,
        clock: Callable[[], float] = time.time,
    ) -> ProgressStore:
        """Open the store in ``data_dir`` (flag > $TUTOR_DATA_DIR > user data dir)."""
        path = paths.data_dir(data_dir) / DB_FILENAME
        opened = open_database(path)
        if opened.message:
            log.warning("%s", opened.message)
        return cls(opened.conn, path, readonly=opened.readonly, notice=opened.message, clock=clock)

    def close(self) -> None:
        """Close the database; later calls do nothing and reads return defaults."""
        with self._lock, contextlib.suppress(sqlite3.Error):
            self._conn.close()

    def __enter__(self) -> ProgressStore:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # -- recording ---------------------------------------------------------------------

    def record_attempt(
        self,
        exercise_id: str,
        *,
        status: str,
        duration_ms: float,
        hints_used: int,
        code: str,
        passed: bool,
    ) -> None:
        """Log one check of ``code``; remembers whether the solution had been shown."""
        self._write("the attempt", lambda c: c.execute(_INSERT_ATTEMPT, (
            uuid.uuid4().hex, _text(exercise_id), self._clock(), _text(status),
            int(bool(passed)), float(duration_ms), int(hints_used), exercise_id,
            hashlib.sha256(_text(code).encode("utf-8", "surrogatepass")).hexdigest(), code,
        )))

    def record_step(self, lesson_id: str, step_index: int) -> None:
        """Mark a step completed (the first completion time is kept)."""
        self._write("the step", lambda c: c.execute(
            _INSERT_STEP, (_text(lesson_id), int(step_index), self._clock())
        ))

    def record_answer(self, question_id: str, answer: str, correct: bool) -> None:
        """Log one answer to a question (ids from ``tutor.lessons.model.question_id``)."""
        self._write("the answer", lambda c: c.execute(_INSERT_ANSWER, (
            uuid.uuid4().hex, _text(question_id), str(answer), int(bool(correct)), self._clock()
        )))

    def record_checkpoint(
        self, lesson_id: str, checkpoint_id: str, score: float, passed: bool
    ) -> None:
        """Log one checkpoint result (``score`` is the fraction answered right)."""
        self._write("the checkpoint result", lambda c: c.execute(_INSERT_CHECKPOINT, (
            uuid.uuid4().hex, _text(lesson_id), _text(checkpoint_id), float(score),
            int(bool(passed)), self._clock(),
        )))

    def save_draft(self, exercise_id: str, code: str) -> None:
        """Keep the learner's current code for an exercise (replaces the previous draft)."""
        self._write("the draft", lambda c: c.execute(
            _UPSERT_DRAFT, (_text(exercise_id), _text(code), self._clock())
        ))

    def record_hint(self, exercise_id: str, n: int) -> None:
        """Note that ``n`` hints of an exercise are now revealed (the maximum is kept)."""
        self._write("the hint", lambda c: c.execute(
            _UPSERT_HINT, (_text(exercise_id), int(n), self._clock())
        ))

    def record_solution_shown(self, exercise_id: str) -> None:
        """Note that the solution was shown (passes after this are done, not mastered)."""
        self._write("the solution view", lambda c: c.execute(
            _INSERT_SOLUTION, (_text(exercise_id), self._clock())
        ))

    def set_position(self, lesson_id: str, step_index: int) -> None:
        """Remember where the learner is, overall and within ``lesson_id``."""

        def write(c: sqlite3.Connection) -> None:
            row = (_text(lesson_id), int(step_index), self._clock())
            c.execute(_UPSERT_POSITION, row)
            c.execute(_SET_LAST_POSITION, row)

        self._write("the position", write)

    # -- reading -----------------------------------------------------------------------

    def draft(self, exercise_id: str) -> str | None:
        """The saved draft of an exercise, or None."""
        row = self._read(
            lambda c: c.execute(
                "SELECT code FROM drafts WHERE exercise_id = ?", (exercise_id,)
            ).fetchone(),
            None,
        )
        return None if row is None else str(row[0])

    def position(self) -> tuple[str, int] | None:
        """The last position set, as ``(lesson_id, step_index)``, or None."""
        row = self._read(
            lambda c: c.execute("SELECT lesson_id, step_index FROM last_position").fetchone(),
            None,
        )
        return None if row is None else (str(row[0]), int(row[1]))

    def lesson_position(self, lesson_id: str) -> int:
        """The step last set within ``lesson_id`` (0 if never)."""
        row = self._read(
            lambda c: c.execute(
                "SELECT step_index FROM positions WHERE lesson_id = ?", (lesson_id,)
            ).fetchone(),
            None,
        )
        return 0 if row is None else int(row[0])

    def exercise_state(self, exercise_id: str) -> ExerciseState:
        """Attempts, pass/mastery, hints and solution state of one exercise."""
        states = self._read(lambda c: _exercise_states(c, exercise_id), {})
        return states.get(exercise_id, ExerciseState(exercise_id))

    def records(self) -> Records:
        """A consistent snapshot of everything mastery needs."""
        return self._read(_records, Records())

    def mastery(self, course: CourseLike) -> Mastery:
        """Per-lesson and per-pillar mastery of ``course`` (see ``tutor.progress.mastery``)."""
        from tutor.progress.mastery import compute_mastery

        return compute_mastery(self.records(), course)

    def continue_position(self, course: CourseLike) -> tuple[str, int] | None:
        """Where the learner should resume (see ``mastery.continue_position``)."""
        from tutor.progress.mastery import continue_position

        return continue_position(self.records(), course)

    def counts(self) -> dict[str, int]:
        """Rows per data table."""
        return self._read(
            lambda c: {t: int(c.execute(f"SELECT count(*) FROM {t}").fetchone()[0])
                       for t in DATA_TABLES},
            {},
        )

    # -- bulk changes --------------------------------------------------------------------

    def reset(self, pillar: str | None = None) -> dict[str, int]:
        """Delete all progress, or one pillar's; return rows deleted per table."""

        def delete(c: sqlite3.Connection) -> dict[str, int]:
            deleted: dict[str, int] = {}
            for table, column in DATA_TABLES.items():
                if pillar is None:
                    cur = c.execute(f"DELETE FROM {table}")
                else:
                    prefix = f"{pillar}/"
                    cur = c.execute(
                        f"DELETE FROM {table} WHERE substr({column}, 1, ?) = ?",
                        (len(prefix), prefix),
                    )
                deleted[table] = cur.rowcount
            return deleted

        return self.transact(delete)

    def transact(self, fn: Callable[[sqlite3.Connection], T]) -> T:
        """Run ``fn(conn)`` in one write transaction; raise ProgressError on failure.

        Refuses when the store is read-only, so a bulk change is never made only
        to the in-memory copy.
        """
        with self._lock:
            if self.readonly:
                raise ProgressError(self.last_error or "progress is read-only in this session")
            try:
                return retry_busy(lambda: _in_transaction(self._conn, fn))
            except sqlite3.Error as exc:
                if classify(exc) == "busy":
                    raise ProgressError(f"the progress database is busy ({exc})") from exc
                raise ProgressError(explain(exc, self.path)) from exc

    def read_strict(self, fn: Callable[[sqlite3.Connection], T]) -> T:
        """Run ``fn(conn)`` as a read; raise ProgressError on failure (for export)."""
        with self._lock:
            try:
                return fn(self._conn)
            except sqlite3.Error as exc:
                _rollback_quietly(self._conn)
                raise ProgressError(f"cannot read {self.path}: {exc}") from exc

    # -- guards ----------------------------------------------------------------------------

    def _write(self, what: str, fn: Callable[[sqlite3.Connection], Any]) -> None:
        """Run one recording transaction; on failure degrade, never raise."""
        with self._lock:
            try:
                retry_busy(lambda: _in_transaction(self._conn, fn))
                return
            except sqlite3.Error as exc:
                kind = classify(exc)
                if kind == "busy" or self.readonly or kind == "other":
                    self.last_error = f"Could not save {what}: {exc}"
                    log.warning("%s", self.last_error)
                    return
                self._degrade(exc)
            except Exception as exc:  # a bad argument or a bug: the app must keep running
                self.last_error = f"Could not save {what}: {exc!r}"
                log.exception("progress store: could not save %s", what)
                return
            try:
                _in_transaction(self._conn, fn)
            except Exception as exc:
                log.warning("progress store: in-memory copy refused %s: %s", what, exc)

    def _degrade(self, exc: BaseException) -> None:
        """Continue on an in-memory copy of the database; nothing more is saved."""
        disk = self._conn
        self._conn = memory_copy(disk)
        with contextlib.suppress(sqlite3.Error):
            disk.close()
        self.readonly = True
        self.last_error = explain(exc, self.path)
        log.warning("%s", self.last_error)

    def _read(self, fn: Callable[[sqlite3.Connection], T], default: T) -> T:
        """Run a read; on error note it in ``last_error`` and return ``default``."""
        with self._lock:
            try:
                return fn(self._conn)
            except Exception as exc:
                _rollback_quietly(self._conn)
                self.last_error = f"Could not read progress: {exc}"
                log.warning("%s", self.last_error)
                return default


def _in_transaction(conn: sqlite3.Connection, fn: Callable[[sqlite3.Connection], T]) -> T:
    """``fn(conn)`` inside BEGIN IMMEDIATE ... COMMIT, rolled back on any error."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        result = fn(conn)
        conn.execute("COMMIT")
        return result
    except BaseException:
        _rollback_quietly(conn)
        raise


def _rollback_quietly(conn: sqlite3.Connection) -> None:
    """End an open transaction, ignoring a closed or broken connection."""
    with contextlib.suppress(sqlite3.Error):
        if conn.in_transaction:
            conn.execute("ROLLBACK")


def _exercise_states(conn: sqlite3.Connection, exercise_id: str | None) -> dict[str, ExerciseState]:
    """Aggregate attempts, hints and solutions per exercise (one exercise or all)."""
    where, params = ("WHERE exercise_id = ?", (exercise_id,)) if exercise_id else ("", ())
    out: dict[str, dict[str, Any]] = {}
    rows = conn.execute(
        "SELECT exercise_id, count(*), max(passed), max(passed AND NOT after_solution), max(at)"
        f" FROM attempts {where} GROUP BY exercise_id",
        params,
    )
    for ex, n, passed, mastered, last_at in rows:
        out[ex] = {"attempts": int(n), "passed": bool(passed), "mastered": bool(mastered),
                   "last_attempt_at": float(last_at)}
    last = conn.execute(
        "SELECT a.exercise_id, a.status FROM attempts a JOIN (SELECT exercise_id, max(id) AS id"
        f" FROM attempts {where} GROUP BY exercise_id) m ON a.id = m.id",
        params,
    )
    for ex, status in last:
        out[ex]["last_status"] = str(status)
    for ex, revealed in conn.execute(f"SELECT exercise_id, revealed FROM hints {where}", params):
        out.setdefault(ex, {})["hints"] = int(revealed)
    for (ex,) in conn.execute(f"SELECT exercise_id FROM solutions {where}", params):
        out.setdefault(ex, {})["solution_shown"] = True
    return {ex: ExerciseState(ex, **fields) for ex, fields in out.items()}


def _records(conn: sqlite3.Connection) -> Records:
    """Read the whole snapshot inside one read transaction."""
    conn.execute("BEGIN")
    exercises = _exercise_states(conn, None)
    correct: set[str] = set()
    question_last_at: dict[str, float] = {}
    for qid, ok, last_at in conn.execute(
        "SELECT question_id, max(correct), max(at) FROM answers GROUP BY question_id"
    ):
        question_last_at[qid] = float(last_at)
        if ok:
            correct.add(qid)
    checkpoints = {
        (lesson, cp): CheckpointState(bool(ok), float(best), float(last_at))
        for lesson, cp, ok, best, last_at in conn.execute(
            "SELECT lesson_id, checkpoint_id, max(passed), max(score), max(at)"
            " FROM checkpoints GROUP BY lesson_id, checkpoint_id"
        )
    }
    steps = {
        (lesson, int(i)): float(at)
        for lesson, i, at in conn.execute(
            "SELECT lesson_id, step_index, completed_at FROM steps"
        )
    }
    last = conn.execute("SELECT lesson_id, step_index FROM last_position").fetchone()
    lesson_positions = {
        str(lesson): int(i)
        for lesson, i in conn.execute("SELECT lesson_id, step_index FROM positions")
    }
    conn.execute("COMMIT")
    return Records(
        exercises=exercises,
        questions_correct=frozenset(correct),
        question_last_at=question_last_at,
        checkpoints=checkpoints,
        steps_completed=steps,
        position=None if last is None else (str(last[0]), int(last[1])),
        lesson_positions=lesson_positions,
    )
