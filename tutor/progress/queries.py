"""The read queries behind ``ProgressStore.exercise_state`` and ``ProgressStore.records``.

Plain functions of a connection; the store runs them under its lock and guards.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from tutor.progress.records import CheckpointState, ExerciseState, Records, code_key


def exercise_states(conn: sqlite3.Connection, exercise_id: str | None) -> dict[str, ExerciseState]:
    """Aggregate attempts, hints and solutions per exercise (one exercise or all)."""
    where, params = ("WHERE exercise_id = ?", (exercise_id,)) if exercise_id else ("", ())
    out: dict[str, dict[str, Any]] = {}
    rows = conn.execute(
        "SELECT exercise_id, count(*), max(passed), max(passed AND NOT after_solution), max(at)"
        f" FROM attempts {where} GROUP BY exercise_id",
        params,
    )
    for ex, n, passed, unaided, last_at in rows:
        out[ex] = {"attempts": int(n), "passed": bool(passed),
                   "passed_before_solution": bool(unaided), "last_attempt_at": float(last_at)}
    for ex, keys in _failed_code_keys(conn, where, params).items():
        out[ex]["failed_tries"] = len(keys)
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


def _failed_code_keys(
    conn: sqlite3.Connection, where: str, params: tuple[str, ...]
) -> dict[str, set[str]]:
    """The distinct ``code_key``s of failed attempts, per exercise (identical texts are
    folded in SQL first, so each is read and normalised once)."""
    condition = f"{where} AND NOT passed" if where else "WHERE NOT passed"
    keys: dict[str, set[str]] = {}
    for ex, code in conn.execute(
        f"SELECT DISTINCT exercise_id, code FROM attempts {condition}", params
    ):
        keys.setdefault(ex, set()).add(code_key(str(code)))
    return keys


def read_records(conn: sqlite3.Connection) -> Records:
    """Read the whole snapshot inside one read transaction."""
    conn.execute("BEGIN")
    exercises = exercise_states(conn, None)
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
