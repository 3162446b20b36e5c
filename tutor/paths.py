"""Where the lesson tree and the learner's data live.

Precedence for both: an explicit argument (the CLI's ``--lessons`` / ``--data-dir``),
then the environment (``TUTOR_LESSONS`` / ``TUTOR_DATA_DIR``), then the default.
"""

from __future__ import annotations

import os
from pathlib import Path

LESSONS_ENV = "TUTOR_LESSONS"
DATA_DIR_ENV = "TUTOR_DATA_DIR"


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
