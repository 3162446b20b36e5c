"""The learner's progress: a SQLite store (``store``) and mastery over a course (``mastery``)."""

from tutor.progress.records import CheckpointState, ExerciseState, Records
from tutor.progress.store import ProgressError, ProgressStore

__all__ = ["CheckpointState", "ExerciseState", "ProgressError", "ProgressStore", "Records"]
