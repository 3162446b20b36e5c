"""Entry from the CLI: run the app and turn its outcome into an exit code."""

from __future__ import annotations

import os
from pathlib import Path

EXIT_WAIT_S = 3.0


def launch(lessons_dir: str | os.PathLike[str] | None = None,
           data_dir: str | os.PathLike[str] | None = None,
           course_id: str | None = None) -> int:
    """Open the tutor app; returns the process exit code."""
    from tutor.app.app import TutorApp

    app = TutorApp(
        lessons_dir=Path(lessons_dir) if lessons_dir else None,
        data_dir=Path(data_dir) if data_dir else None,
        course_id=course_id,
    )
    app.preload()
    try:
        result = app.run()
    finally:
        app.close_evaluator(timeout=EXIT_WAIT_S)  # lets a running check end, then cleans up
    if app.return_code not in (None, 0):
        return int(app.return_code)
    return int(result or 0)
