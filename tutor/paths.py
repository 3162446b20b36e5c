"""Where the lesson tree, the learner's data and the caches live.

Precedence for each: an explicit argument (the CLI's ``--lessons`` / ``--data-dir``),
then the environment (``TUTOR_LESSONS`` / ``TUTOR_DATA_DIR`` / ``TUTOR_CACHE_DIR``),
then the default.
A course chosen by id (``--course`` / ``TUTOR_COURSE``) is resolved to its lesson
tree by ``tutor.courses.select``; its progress lives in ``progress_dir``.
"""

from __future__ import annotations

import os
from pathlib import Path

LESSONS_ENV = "TUTOR_LESSONS"
DATA_DIR_ENV = "TUTOR_DATA_DIR"
CACHE_DIR_ENV = "TUTOR_CACHE_DIR"
COURSE_ENV = "TUTOR_COURSE"
COURSES_SUBDIR = "courses"
BUILTIN_COURSE_ID = "ml-math"  # the id in the built-in tree's course.yaml


def builtin_lessons_dir() -> Path:
    """The lesson tree shipped with the package (or the checkout's ``lessons/``)."""
    here = Path(__file__).resolve().parent
    installed = here / "builtin_lessons"
    if installed.is_dir():
        return installed
    return here.parent / "lessons"


def _resolve(explicit: str | os.PathLike[str] | None, env: str) -> Path | None:
    value = explicit or os.environ.get(env)
    return Path(value).expanduser().resolve() if value else None


def lessons_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The lesson tree every command reads."""
    return _resolve(explicit, LESSONS_ENV) or builtin_lessons_dir()


def data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The directory that holds the progress database (not created here)."""
    chosen = _resolve(explicit, DATA_DIR_ENV)
    if chosen is not None:
        return chosen
    from platformdirs import user_data_dir

    return Path(user_data_dir("tutor", appauthor=False))


def cache_dir(data: str | os.PathLike[str] | None = None) -> Path:
    """Where caches live (rebuilt when missing; see :mod:`tutor.cachefile`):
    ``$TUTOR_CACHE_DIR``, else ``cache`` inside a data dir given by flag or environment
    (so a separate data dir has separate caches), else the user cache dir."""
    chosen = _resolve(None, CACHE_DIR_ENV)
    if chosen is not None:
        return chosen
    data_root = _resolve(data, DATA_DIR_ENV)
    if data_root is not None:
        return data_root / "cache"
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("tutor", appauthor=False))


def progress_dir(data: str | os.PathLike[str] | None = None,
                 course_id: str | None = None) -> Path:
    """The folder of one course's progress: the data dir itself for the built-in course
    (and for a lesson tree without a manifest), where it has always been; else
    ``<data dir>/courses/<course id>`` (``course_id`` is a checked slug)."""
    root = data_dir(data)
    if course_id is None or course_id == BUILTIN_COURSE_ID:
        return root
    return root / COURSES_SUBDIR / course_id
