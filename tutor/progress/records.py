"""Plain data read out of the progress store: what mastery and the views consume.

The solution-unlock rule lives here, with the state it reads: the solution of an
exercise is offered once it was passed, once the solution was shown, or after
``SOLUTION_AFTER_FAILED_TRIES`` failed tries, where a try is a distinct piece of
code (``code_key``): checking the same code again, in this session or another,
is no new try.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

SOLUTION_AFTER_FAILED_TRIES = 3


def code_key(code: str) -> str:
    """What makes two checked codes "the same try": equal up to trailing whitespace
    (at line ends and at the end); a SHA-256 hex digest."""
    normal = "\n".join(line.rstrip() for line in code.rstrip().splitlines())
    return hashlib.sha256(normal.encode("utf-8", "surrogatepass")).hexdigest()


@dataclass(frozen=True)
class ExerciseState:
    """What the learner has done on one exercise.

    ``passed``: some attempt passed. ``passed_before_solution``: some attempt
    passed before the solution was first shown (what ``mastered`` is made of;
    the rule is ``tutor.progress.mastery.exercise_mastered``). ``failed_tries``:
    distinct codes (``code_key``) among the failed attempts. ``hints``: how many
    hints have been revealed.
    """

    exercise_id: str
    attempts: int = 0
    passed: bool = False
    passed_before_solution: bool = False
    failed_tries: int = 0
    hints: int = 0
    solution_shown: bool = False
    last_status: str | None = None
    last_attempt_at: float | None = None

    @property
    def done(self) -> bool:
        """Passed at least once (see ``tutor.progress.mastery.exercise_done``)."""
        from tutor.progress.mastery import exercise_done

        return exercise_done(self)

    @property
    def mastered(self) -> bool:
        """Passed unaided (see ``tutor.progress.mastery.exercise_mastered``)."""
        from tutor.progress.mastery import exercise_mastered

        return exercise_mastered(self)

    @property
    def solution_unlocked(self) -> bool:
        """The solution may be offered: passed, already shown, or enough failed tries."""
        return (self.passed or self.solution_shown
                or self.failed_tries >= SOLUTION_AFTER_FAILED_TRIES)

    @property
    def failed_tries_to_unlock(self) -> int:
        """Distinct failed tries still needed before the solution is offered (0 if it is)."""
        return 0 if self.solution_unlocked else SOLUTION_AFTER_FAILED_TRIES - self.failed_tries


@dataclass(frozen=True)
class Attempt:
    """One logged check of an exercise: the code, what came of it (``status``, and
    ``mistake``, the lesson's known mistake it matched), and whether the solution had
    been shown before it."""

    exercise_id: str
    at: float
    status: str
    passed: bool
    after_solution: bool
    code: str
    mistake: str | None = None


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
