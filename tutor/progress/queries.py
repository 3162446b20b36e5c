"""The read queries behind ``ProgressStore.exercise_state`` and ``ProgressStore.records``.

Plain functions of a connection; the store runs them under its lock and guards.
They only fetch rows: how the rows add up is ``tutor.progress.fold``'s.
"""

from __future__ import annotations

import sqlite3

from tutor.progress.fold import fold_exercises, fold_records
from tutor.progress.records import Attempt, ExerciseState, Records

_ATTEMPTS = "SELECT exercise_id, at, status, passed, after_solution, code FROM attempts"


def exercise_states(conn: sqlite3.Connection, exercise_id: str | None,
                    since: float | None = None) -> dict[str, ExerciseState]:
    """Aggregate attempts, hints and solutions per exercise (one exercise or all).

    With ``since``: only what happened from then on (a review), hints left out."""
    where, params = ("WHERE exercise_id = ?", (exercise_id,)) if exercise_id else ("", ())
    hints = f"SELECT exercise_id, revealed FROM hints {where}"
    solutions = f"SELECT exercise_id FROM solutions {where}"
    attempts = f"{_ATTEMPTS} {where}"
    late: tuple[float, ...] = ()
    if since is not None:
        joint = " AND" if where else " WHERE"
        attempts += f"{joint} at >= ?"
        solutions += f"{joint} coalesce(last_at, first_at) >= ?"
        hints += f"{joint} 0"
        late = (float(since),)
    return fold_exercises(
        conn.execute(f"{attempts} ORDER BY id", params + late),
        conn.execute(hints, params),
        (ex for (ex,) in conn.execute(solutions, params + late)),
    )


def attempt_log(conn: sqlite3.Connection) -> list[Attempt]:
    """Every logged attempt, in the order it was made."""
    return [Attempt(str(ex), float(at), str(status), bool(passed), bool(after), str(code),
                    None if mistake is None else str(mistake))
            for ex, at, status, passed, after, code, mistake in conn.execute(
                "SELECT exercise_id, at, status, passed, after_solution, code, mistake"
                " FROM attempts ORDER BY id")]


def read_records(conn: sqlite3.Connection) -> Records:
    """Read the whole snapshot inside one read transaction."""
    conn.execute("BEGIN")
    rows = {
        "attempts": conn.execute(f"{_ATTEMPTS} ORDER BY id").fetchall(),
        "hints": conn.execute("SELECT exercise_id, revealed FROM hints").fetchall(),
        "solutions": [ex for (ex,) in conn.execute("SELECT exercise_id FROM solutions")],
        "answers": conn.execute("SELECT question_id, correct, at FROM answers").fetchall(),
        "checkpoints": conn.execute("SELECT lesson_id, checkpoint_id, passed, score, at"
                                    " FROM checkpoints").fetchall(),
        "steps": conn.execute("SELECT lesson_id, step_index, completed_at FROM steps").fetchall(),
        "positions": conn.execute("SELECT lesson_id, step_index FROM positions").fetchall(),
        "position": conn.execute("SELECT lesson_id, step_index FROM last_position").fetchone(),
    }
    conn.execute("COMMIT")
    return fold_records(**rows)
