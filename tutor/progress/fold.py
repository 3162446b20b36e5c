"""Rows of the progress tables, folded into the per-item states mastery reads.

The one home of how logged events add up (an exercise is passed once some
attempt passed, its last status is the last attempt's, hints keep what the
table says, ...). The store feeds it rows read from SQLite (``queries``); a
report feeds it the rows of an export, so both agree by construction. Rows
come in log order (the tables' ``id`` order, which exports keep).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from tutor.progress.records import CheckpointState, ExerciseState, Records, code_key

# (exercise_id, at, status, passed, after_solution, code)
AttemptRow = tuple[str, float, str, Any, Any, str]
# (question_id, correct, at)
AnswerRow = tuple[str, Any, float]
# (lesson_id, checkpoint_id, passed, score, at)
CheckpointRow = tuple[str, str, Any, float, float]


def fold_exercises(attempts: Iterable[AttemptRow], hints: Iterable[tuple[str, int]],
                   solutions: Iterable[str]) -> dict[str, ExerciseState]:
    """Per exercise: attempts, passed, passed before the solution was shown, distinct
    failed codes (``code_key``), the last attempt's status and time, hints, solution."""
    fields: dict[str, dict[str, Any]] = {}
    failed: dict[str, set[str]] = {}
    for exercise, at, status, passed, after_solution, code in attempts:
        state = fields.get(exercise)
        if state is None or "attempts" not in state:
            state = fields.setdefault(exercise, {})
            state.update(attempts=0, passed=False, passed_before_solution=False,
                         last_attempt_at=float(at))
        state["attempts"] += 1
        if passed:
            state["passed"] = True
            if not after_solution:
                state["passed_before_solution"] = True
        else:
            failed.setdefault(exercise, set()).add(code)  # identical texts hashed once
        state["last_attempt_at"] = max(state["last_attempt_at"], float(at))
        state["last_status"] = str(status)
    for exercise, codes in failed.items():
        fields[exercise]["failed_tries"] = len({code_key(str(c)) for c in codes})
    for exercise, revealed in hints:
        fields.setdefault(exercise, {})["hints"] = int(revealed)
    for exercise in solutions:
        fields.setdefault(exercise, {})["solution_shown"] = True
    return {ex: ExerciseState(ex, **f) for ex, f in fields.items()}


def fold_records(
    attempts: Iterable[AttemptRow],
    hints: Iterable[tuple[str, int]],
    solutions: Iterable[str],
    answers: Iterable[AnswerRow],
    checkpoints: Iterable[CheckpointRow],
    steps: Iterable[tuple[str, int, float]] = (),
    positions: Iterable[tuple[str, int]] = (),
    position: tuple[str, int] | None = None,
) -> Records:
    """Everything mastery needs, from the rows of each table."""
    correct: set[str] = set()
    question_last_at: dict[str, float] = {}
    for question, ok, at in answers:
        question_last_at[question] = max(question_last_at.get(question, float(at)), float(at))
        if ok:
            correct.add(question)
    best: dict[tuple[str, str], tuple[bool, float, float]] = {}
    for lesson, checkpoint, passed, score, at in checkpoints:
        key = (lesson, checkpoint)
        was = best.get(key, (False, float(score), float(at)))
        best[key] = (was[0] or bool(passed), max(was[1], float(score)), max(was[2], float(at)))
    return Records(
        exercises=fold_exercises(attempts, hints, solutions),
        questions_correct=frozenset(correct),
        question_last_at=question_last_at,
        checkpoints={key: CheckpointState(*value) for key, value in best.items()},
        steps_completed={(lesson, int(i)): float(at) for lesson, i, at in steps},
        position=None if position is None else (str(position[0]), int(position[1])),
        lesson_positions={str(lesson): int(i) for lesson, i in positions},
    )
