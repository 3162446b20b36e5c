"""The learner's progress, kept in ``progress.db`` (sqlite3) under ``paths.data_dir()``.

Every ``record_*`` / ``save_draft`` / ``set_position`` call is one short
transaction and never raises: on a disk problem the store switches to an
in-memory copy, sets ``readonly`` and ``last_error``, and keeps answering from
that copy (see ``tutor.progress.database`` for the policy on damaged, newer or
unwritable files). Reads return what they can (a default on error). One store
may be shared between threads; several processes may use the same file.

Public API beyond docs/architecture.md:

* ``open(data_dir=None, *, course=None, clock=time.time)``: ``course`` is the id of the
  course whose progress to open (``paths.progress_dir``; None: the built-in course's);
  ``clock`` gives record times (tests).
* ``path``, ``close()``, context manager use.
* ``records()`` -> ``Records`` snapshot; ``attempts()`` -> every ``Attempt`` logged;
  ``continue_position(course)``.
* ``counts()`` -> rows per table; ``reset(pillar=None)`` -> rows deleted per table.
* ``transact(fn)`` / ``read_strict(fn)``: run ``fn(conn)`` in one write transaction
  / as a read, raising ``ProgressError`` (for import, export and reset, where the
  user must hear of a failure).
* ``notice``: what happened at open (file set aside, newer schema), or None.

* Review (``tutor.progress.cards``): a first pass or right answer makes the item's
  card; ``record_review(kind, item_id, since)`` rates a review and moves its card;
  ``review_cards()``, ``sync_cards()``; ``exercise_state(id, since=t)`` for a review;
  ``passing_code(id, before)``, the code passed with before a review;
  ``now()``, the store's clock.

``record_hint(exercise_id, n)``: ``n`` is how many hints are now revealed
(the store keeps the maximum). Times are Unix epoch seconds.

This module holds the API (recording, reading, reset); the lock, the in-memory
fallback, ``transact``/``read_strict`` and ``ProgressError`` live in
``tutor.progress.guard``, the snapshot queries in ``tutor.progress.queries``.
"""

from __future__ import annotations

import hashlib
import logging
import sqlite3
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from tutor import paths
from tutor.progress.database import DB_FILENAME, open_database
from tutor.progress.guard import GuardedStore, ProgressError
from tutor.progress.queries import attempt_log, exercise_states, read_records
from tutor.progress.records import Attempt, ExerciseState, Records
from tutor.progress.schema import DATA_TABLES

if TYPE_CHECKING:
    from tutor.lessons.outline import OutlinedCourse
    from tutor.progress.mastery import Mastery
    from tutor.progress.rating import Rating
    from tutor.progress.schedule import CardRow, Kind

log = logging.getLogger(__name__)

__all__ = ["ProgressError", "ProgressStore"]


_INSERT_ATTEMPT = (
    "INSERT INTO attempts (uid, exercise_id, at, status, passed, duration_ms, hints_used,"
    " after_solution, code_sha256, code, mistake) VALUES (?, ?, ?, ?, ?, ?, ?,"
    " EXISTS (SELECT 1 FROM solutions WHERE exercise_id = ?), ?, ?, ?)"
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
_INSERT_SOLUTION = (
    "INSERT INTO solutions (exercise_id, first_at, last_at) VALUES (?, ?, ?)"
    " ON CONFLICT (exercise_id) DO UPDATE SET last_at = excluded.last_at"
)
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


class ProgressStore(GuardedStore):
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
        super().__init__(conn, path, readonly=readonly, notice=notice)
        self._clock = clock

    @classmethod
    def open(
        cls,
        data_dir: str | Path | None = None,
        *,
        course: str | None = None,
        clock: Callable[[], float] = time.time,
    ) -> ProgressStore:
        """Open ``course``'s store in ``data_dir`` (flag > $TUTOR_DATA_DIR > user data dir)."""
        path = paths.progress_dir(data_dir, course) / DB_FILENAME
        opened = open_database(path)
        if opened.message:
            log.warning("%s", opened.message)
        return cls(opened.conn, path, readonly=opened.readonly, notice=opened.message, clock=clock)

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
        mistake: str | None = None,
    ) -> None:
        """Log one check of ``code``; remembers whether the solution had been shown.
        ``mistake``: the name of the lesson's known mistake the code matched, if any.
        The first pass makes the exercise's review card (``tutor.progress.cards``)."""

        def write(c: sqlite3.Connection) -> None:
            c.execute(_INSERT_ATTEMPT, (
                uuid.uuid4().hex, _text(exercise_id), self._clock(), _text(status),
                int(bool(passed)), float(duration_ms), int(hints_used), exercise_id,
                hashlib.sha256(_text(code).encode("utf-8", "surrogatepass")).hexdigest(), code,
                None if mistake is None else _text(mistake),
            ))
            if passed:
                from tutor.progress import cards  # fsrs, kept off the app's start-up path

                cards.learned_quietly(c, "exercise", exercise_id)

        self._write("the attempt", write)

    def record_step(self, lesson_id: str, step_index: int) -> None:
        """Mark a step completed (the first completion time is kept)."""
        self._write("the step", lambda c: c.execute(
            _INSERT_STEP, (_text(lesson_id), int(step_index), self._clock())
        ))

    def record_answer(self, question_id: str, answer: str, correct: bool) -> None:
        """Log one answer to a question (ids from ``tutor.lessons.model.question_id``);
        the first right one makes the question's review card."""

        def write(c: sqlite3.Connection) -> None:
            c.execute(_INSERT_ANSWER, (uuid.uuid4().hex, _text(question_id), str(answer),
                                       int(bool(correct)), self._clock()))
            if correct:
                from tutor.progress import cards

                cards.learned_quietly(c, "question", question_id)

        self._write("the answer", write)

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
        """Note that the solution was shown (passes after this are done, not mastered;
        the first and the last view are kept)."""
        now = self._clock()
        self._write("the solution view", lambda c: c.execute(
            _INSERT_SOLUTION, (_text(exercise_id), now, now)
        ))

    def record_review(self, kind: Kind, item_id: str,
                      since: float) -> tuple[Rating, CardRow] | None:
        """Rate the review of an item that began at ``since`` (from the attempts or
        answers logged since) and move its card; None when nothing was tried, or
        nothing could be saved."""
        from tutor.progress import cards

        result: list[tuple[Rating, CardRow] | None] = [None]

        def write(c: sqlite3.Connection) -> None:
            result[0] = cards.reviewed(c, kind, _text(item_id), float(since))

        self._write("the review", write)
        return result[0]

    def sync_cards(self) -> None:
        """Make the review cards missing for items got right (older or imported progress)."""
        from tutor.progress import cards

        self._write("the review cards", cards.sync)

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

    def exercise_state(self, exercise_id: str, since: float | None = None) -> ExerciseState:
        """Attempts, pass/mastery, hints and solution state of one exercise (with
        ``since``: of what happened from then on, hints left out; for a review)."""
        states = self._read(lambda c: exercise_states(c, exercise_id, since), {})
        return states.get(exercise_id, ExerciseState(exercise_id))

    def passing_code(self, exercise_id: str, before: float) -> str | None:
        """The code of the last passing check of an exercise before ``before``, or None."""
        row = self._read(
            lambda c: c.execute(
                "SELECT code FROM attempts WHERE exercise_id = ? AND passed AND at < ?"
                " ORDER BY id DESC LIMIT 1", (exercise_id, before)).fetchone(),
            None,
        )
        return None if row is None else str(row[0])

    def review_cards(self) -> dict[str, CardRow]:
        """Every review card, by item id (empty on error)."""
        from tutor.progress import cards

        return self._read(cards.read_cards, {})

    def now(self) -> float:
        """The store's clock (tests inject one): what record times are."""
        return self._clock()

    def records(self) -> Records:
        """A consistent snapshot of everything mastery needs."""
        return self._read(read_records, Records())

    def attempts(self) -> list[Attempt]:
        """Every attempt logged, oldest first, with its code (for the learner's notes)."""
        return self._read(attempt_log, [])

    def mastery(self, course: OutlinedCourse) -> Mastery:
        """Per-lesson and per-pillar mastery of ``course`` (see ``tutor.progress.mastery``)."""
        from tutor.progress.mastery import compute_mastery

        return compute_mastery(self.records(), course)

    def continue_position(self, course: OutlinedCourse) -> tuple[str, int] | None:
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

