"""Plain data read out of the progress store: what mastery and the views consume."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class ExerciseState:
    """What the learner has done on one exercise.

    ``passed``: some attempt passed. ``mastered``: some attempt passed before the
    solution was first shown. ``hints``: how many hints have been revealed.
    """

    exercise_id: str
    attempts: int = 0
    passed: bool = False
    mastered: bool = False
    hints: int = 0
    solution_shown: bool = False
    last_status: str | None = None
    last_attempt_at: float | None = None


@dataclass(frozen=True)
class CheckpointState:
    """Results of one checkpoint: passed at least once, best score, last try."""

    passed: bool
    best_score: float
    last_at: float


@dataclass(frozen=True)
class Records:
    """A snapshot of everything mastery needs, aggregated per item.

    Keys: exercise ids, question ids (``lesson-id/question``), ``(lesson id,
    checkpoint id)`` and ``(lesson id, step index)``.
    """

    exercises: dict[str, ExerciseState] = field(default_factory=dict)
    questions_correct: frozenset[str] = frozenset()
    question_last_at: dict[str, float] = field(default_factory=dict)
    checkpoints: dict[tuple[str, str], CheckpointState] = field(default_factory=dict)
    steps_completed: dict[tuple[str, int], float] = field(default_factory=dict)
    position: tuple[str, int] | None = None
    lesson_positions: dict[str, int] = field(default_factory=dict)
