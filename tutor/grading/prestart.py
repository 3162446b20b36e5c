"""Starting a worker before the evaluator exists: a one-shot ``tutor check`` launches
the kind its jobs will go to first, then imports the evaluator and reads the lesson while
the worker imports numpy on the other core. Imports nothing heavy (no numpy, no pydantic).
"""

from __future__ import annotations

import contextlib
import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from tutor.grading.sandbox import WorkerProcess
from tutor.grading.worker.tuning import FOR_LEARNERS, Tuning


def hidden_paths(lessons_root: Path | None, data_dir: Path | None,
                 extra: Sequence[Path] = ()) -> list[Path]:
    """Paths no sandboxed code may see: the lesson trees (the one given, the configured one,
    the built-in one), the learner's data (given and configured), home, this package.
    The allow-list root shows none of them anyway; this list is the second line."""
    from tutor import paths

    hidden = [Path.home(), Path(__file__).resolve().parents[1], paths.builtin_lessons_dir(),
              paths.lessons_dir(), Path("/proc"), *extra]
    hidden += [p for p in (lessons_root, data_dir) if p is not None]
    with contextlib.suppress(Exception):  # platformdirs missing or odd: nothing more to hide
        hidden.append(paths.data_dir())
    return list(dict.fromkeys(Path(p) for p in hidden))


@dataclass
class StartedWorker:
    """A worker launched (not necessarily ready yet), with the scratch folder and hidden
    paths it was given; an Evaluator adopts it (and then owns its clean-up)."""

    scratch: Path
    hide: list[Path]
    off: tuple[str, ...]
    worker: WorkerProcess

    def discard(self) -> None:
        """Stop the worker and remove its scratch (when no Evaluator adopted it)."""
        self.worker.stop()
        shutil.rmtree(self.scratch, ignore_errors=True)


def start_worker(*, lessons_root: Path | None = None, data_dir: Path | None = None,
                 scratch_root: Path | None = None, hide_paths: Sequence[Path] = (),
                 off: Sequence[str] = (), kind: str = "numpy",
                 tuning: Tuning = FOR_LEARNERS) -> StartedWorker:
    """Launch a worker of ``kind`` ("numpy" or "scipy": see
    :func:`tutor.workerkind.kind_for`; the other arguments are the Evaluator's)."""
    scratch = Path(tempfile.mkdtemp(prefix="tutor-sandbox-", dir=scratch_root))
    hide = hidden_paths(lessons_root, data_dir, hide_paths)
    worker = WorkerProcess(kind, scratch, hide, tuple(off), tuning)
    try:
        worker.start()
    except BaseException:
        shutil.rmtree(scratch, ignore_errors=True)
        raise
    return StartedWorker(scratch, hide, tuple(off), worker)
