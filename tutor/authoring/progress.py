"""The progress bar of `tutor lessons validate`: on the terminal's stderr while the
sandboxed checks run, gone when they end; nothing at all when output is not a terminal."""

from __future__ import annotations

import threading
from types import TracebackType
from typing import Any


class Bar:
    """Shows ``done of total`` checks; starts at the first update that has work left
    (a run answered by the cache shows nothing). Updates may come from several threads."""

    def __init__(self, *, enabled: bool) -> None:
        self.enabled = enabled
        self._lock = threading.Lock()
        self._progress: Any = None
        self._task: Any = None

    def update(self, done: int, total: int) -> None:
        if not self.enabled:
            return
        with self._lock:
            if self._progress is None and done < total:
                self._start(total)
            if self._progress is not None:
                self._progress.update(self._task, completed=done, total=total)
                if done >= total:
                    self._stop()

    def _start(self, total: int) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
        )

        self._progress = Progress(TextColumn("running the lessons' code"), BarColumn(),
                                  MofNCompleteColumn(), TimeElapsedColumn(),
                                  console=Console(stderr=True), transient=True)
        self._progress.start()
        self._task = self._progress.add_task("checks", total=total)

    def _stop(self) -> None:
        if self._progress is not None:
            self._progress.stop()
            self._progress = None

    def __enter__(self) -> Bar:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        with self._lock:
            self._stop()
