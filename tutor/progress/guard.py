"""The thread-safety and fallback plumbing under ``ProgressStore``.

``GuardedStore`` owns the connection and its lock and runs every database call
through one of four guards:

* ``_write``: a recording transaction that never raises; on a disk problem it
  switches to an in-memory copy (``_degrade``), sets ``readonly`` and
  ``last_error``, and replays the write there.
* ``_read``: a read that returns a default on error.
* ``transact`` / ``read_strict``: a bulk change or read that raises
  ``ProgressError``, for commands where the user must hear of a failure.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from tutor.progress.database import classify, explain, memory_copy, retry_busy

T = TypeVar("T")
# The store's logger: its messages keep the name they had before this module was split out.
log = logging.getLogger("tutor.progress.store")


class ProgressError(Exception):
    """A bulk change (import, reset) could not be made; nothing was changed."""


class GuardedStore:
    """A connection shared between threads, degrading to memory on a disk problem."""

    def __init__(
        self,
        conn: sqlite3.Connection,
        path: Path,
        *,
        readonly: bool = False,
        notice: str | None = None,
    ) -> None:
        self._conn = conn
        self._lock = threading.RLock()
        self.path = path
        self.readonly = readonly
        self.notice = notice
        self.last_error: str | None = notice

    def close(self) -> None:
        """Close the database; later calls do nothing and reads return defaults."""
        with self._lock, contextlib.suppress(sqlite3.Error):
            self._conn.close()

    def transact(self, fn: Callable[[sqlite3.Connection], T]) -> T:
        """Run ``fn(conn)`` in one write transaction; raise ProgressError on failure.

        Refuses when the store is read-only, so a bulk change is never made only
        to the in-memory copy.
        """
        with self._lock:
            if self.readonly:
                raise ProgressError(self.last_error or "progress is read-only in this session")
            try:
                return retry_busy(lambda: in_transaction(self._conn, fn))
            except sqlite3.Error as exc:
                if classify(exc) == "busy":
                    raise ProgressError(f"the progress database is busy ({exc})") from exc
                raise ProgressError(explain(exc, self.path)) from exc

    def read_strict(self, fn: Callable[[sqlite3.Connection], T]) -> T:
        """Run ``fn(conn)`` as a read; raise ProgressError on failure (for export)."""
        with self._lock:
            try:
                return fn(self._conn)
            except sqlite3.Error as exc:
                rollback_quietly(self._conn)
                raise ProgressError(f"cannot read {self.path}: {exc}") from exc

    def _write(self, what: str, fn: Callable[[sqlite3.Connection], Any]) -> None:
        """Run one recording transaction; on failure degrade, never raise."""
        with self._lock:
            try:
                retry_busy(lambda: in_transaction(self._conn, fn))
                return
            except sqlite3.Error as exc:
                kind = classify(exc)
                if kind == "busy" or self.readonly or kind == "other":
                    self.last_error = f"Could not save {what}: {exc}"
                    log.warning("%s", self.last_error)
                    return
                self._degrade(exc)
            except Exception as exc:  # a bad argument or a bug: the app must keep running
                self.last_error = f"Could not save {what}: {exc!r}"
                log.exception("progress store: could not save %s", what)
                return
            try:
                in_transaction(self._conn, fn)
            except Exception as exc:
                log.warning("progress store: in-memory copy refused %s: %s", what, exc)

    def _degrade(self, exc: BaseException) -> None:
        """Continue on an in-memory copy of the database; nothing more is saved."""
        disk = self._conn
        self._conn = memory_copy(disk)
        with contextlib.suppress(sqlite3.Error):
            disk.close()
        self.readonly = True
        self.last_error = explain(exc, self.path)
        log.warning("%s", self.last_error)

    def _read(self, fn: Callable[[sqlite3.Connection], T], default: T) -> T:
        """Run a read; on error note it in ``last_error`` and return ``default``."""
        with self._lock:
            try:
                return fn(self._conn)
            except Exception as exc:
                rollback_quietly(self._conn)
                self.last_error = f"Could not read progress: {exc}"
                log.warning("%s", self.last_error)
                return default


def in_transaction(conn: sqlite3.Connection, fn: Callable[[sqlite3.Connection], T]) -> T:
    """``fn(conn)`` inside BEGIN IMMEDIATE ... COMMIT, rolled back on any error."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        result = fn(conn)
        conn.execute("COMMIT")
        return result
    except BaseException:
        rollback_quietly(conn)
        raise


def rollback_quietly(conn: sqlite3.Connection) -> None:
    """End an open transaction, ignoring a closed or broken connection."""
    with contextlib.suppress(sqlite3.Error):
        if conn.in_transaction:
            conn.execute("ROLLBACK")
