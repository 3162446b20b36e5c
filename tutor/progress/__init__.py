"""The learner's progress: a SQLite store (``store``) and mastery over a course (``mastery``).

The store logs its problems under the ``tutor.progress`` logger, which has a
NullHandler so nothing reaches stderr (and a Textual screen) unless the app
configures logging; the app shows ``store.last_error`` instead.
"""

import logging

from tutor.progress.records import CheckpointState, ExerciseState, Records
from tutor.progress.store import ProgressError, ProgressStore

logging.getLogger(__name__).addHandler(logging.NullHandler())

__all__ = ["CheckpointState", "ExerciseState", "ProgressError", "ProgressStore", "Records"]
