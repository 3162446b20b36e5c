"""The progress database schema, as an ordered list of migrations.

``PRAGMA user_version`` holds the number of migrations applied. Migrations only
ever append: a released migration is never edited, a change is a new entry.
Times are Unix epoch seconds (REAL). Rows that log events (attempts, answers,
checkpoint results) carry a random ``uid`` so an export can be imported twice
without duplicating them.
"""

from __future__ import annotations

import sqlite3

MIGRATIONS: tuple[str, ...] = (
    # 1: the first schema.
    """
    CREATE TABLE attempts (
        id INTEGER PRIMARY KEY,
        uid TEXT NOT NULL UNIQUE,
        exercise_id TEXT NOT NULL,
        at REAL NOT NULL,
        status TEXT NOT NULL,
        passed INTEGER NOT NULL,
        duration_ms REAL NOT NULL,
        hints_used INTEGER NOT NULL,
        after_solution INTEGER NOT NULL,
        code_sha256 TEXT NOT NULL,
        code TEXT NOT NULL
    );
    CREATE INDEX attempts_exercise ON attempts (exercise_id);
    CREATE TABLE steps (
        lesson_id TEXT NOT NULL,
        step_index INTEGER NOT NULL,
        completed_at REAL NOT NULL,
        PRIMARY KEY (lesson_id, step_index)
    );
    CREATE TABLE answers (
        id INTEGER PRIMARY KEY,
        uid TEXT NOT NULL UNIQUE,
        question_id TEXT NOT NULL,
        answer TEXT NOT NULL,
        correct INTEGER NOT NULL,
        at REAL NOT NULL
    );
    CREATE INDEX answers_question ON answers (question_id);
    CREATE TABLE checkpoints (
        id INTEGER PRIMARY KEY,
        uid TEXT NOT NULL UNIQUE,
        lesson_id TEXT NOT NULL,
        checkpoint_id TEXT NOT NULL,
        score REAL NOT NULL,
        passed INTEGER NOT NULL,
        at REAL NOT NULL
    );
    CREATE TABLE drafts (
        exercise_id TEXT PRIMARY KEY,
        code TEXT NOT NULL,
        updated_at REAL NOT NULL
    );
    CREATE TABLE hints (
        exercise_id TEXT PRIMARY KEY,
        revealed INTEGER NOT NULL,
        updated_at REAL NOT NULL
    );
    CREATE TABLE solutions (
        exercise_id TEXT PRIMARY KEY,
        first_at REAL NOT NULL
    );
    CREATE TABLE positions (
        lesson_id TEXT PRIMARY KEY,
        step_index INTEGER NOT NULL,
        updated_at REAL NOT NULL
    );
    CREATE TABLE last_position (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        lesson_id TEXT NOT NULL,
        step_index INTEGER NOT NULL,
        updated_at REAL NOT NULL
    );
    """,
    # 2: the known mistake an attempt matched (for `tutor report`); NULL when none or
    # when recorded before this column existed.
    """
    ALTER TABLE attempts ADD COLUMN mistake TEXT
    """,
    # 3: spaced review (tutor.progress.cards): one FSRS card per exercise or question got
    # right, and the log of its ratings; the solutions table also keeps the last view,
    # so that "the solution was shown during this review" can be told.
    """
    CREATE TABLE review_cards (
        item_id TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('exercise', 'question')),
        state INTEGER NOT NULL,
        step INTEGER,
        stability REAL,
        difficulty REAL,
        due REAL NOT NULL,
        last_review REAL
    );
    CREATE INDEX review_cards_due ON review_cards (due);
    CREATE TABLE review_logs (
        id INTEGER PRIMARY KEY,
        uid TEXT NOT NULL UNIQUE,
        item_id TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('exercise', 'question')),
        rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 4),
        at REAL NOT NULL
    );
    CREATE INDEX review_logs_item ON review_logs (item_id);
    ALTER TABLE solutions ADD COLUMN last_at REAL;
    UPDATE solutions SET last_at = first_at
    """,
)

SCHEMA_VERSION = len(MIGRATIONS)

# Every table that holds learner data, with the column that names what it is about.
# Ids all start with the pillar ("pillar/..."), which is how a pillar is reset.
DATA_TABLES: dict[str, str] = {
    "attempts": "exercise_id",
    "steps": "lesson_id",
    "answers": "question_id",
    "checkpoints": "lesson_id",
    "drafts": "exercise_id",
    "hints": "exercise_id",
    "solutions": "exercise_id",
    "positions": "lesson_id",
    "last_position": "lesson_id",
    "review_cards": "item_id",
    "review_logs": "item_id",
}


class NewerSchemaError(Exception):
    """The database was written by a newer tutor than this one."""

    def __init__(self, found: int) -> None:
        super().__init__(f"schema version {found}, this tutor knows up to {SCHEMA_VERSION}")
        self.found = found


def user_version(conn: sqlite3.Connection) -> int:
    """The number of migrations applied to ``conn``'s database."""
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection, migrations: tuple[str, ...] | None = None) -> int:
    """Apply the missing migrations in one immediate transaction; return the version.

    Safe with several processes opening the same file at once: the version is
    read again after the write lock is taken. ``conn`` must be in autocommit mode
    (``isolation_level=None``). Raises NewerSchemaError for a newer database.
    """
    steps = MIGRATIONS if migrations is None else migrations
    if user_version(conn) == len(steps):
        return len(steps)
    conn.execute("BEGIN IMMEDIATE")
    try:
        found = user_version(conn)
        if found > len(steps):
            raise NewerSchemaError(found)
        for version in range(found, len(steps)):
            for statement in _statements(steps[version]):
                conn.execute(statement)
        conn.execute(f"PRAGMA user_version = {len(steps)}")
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    return len(steps)


def _statements(script: str) -> list[str]:
    """Split a migration into statements (executescript would commit on its own)."""
    return [s.strip() for s in script.split(";") if s.strip()]
