"""Opening the progress database file, and what to do when that goes wrong.

Policy (see ``open_database``):

* a missing file is created and migrated; WAL mode, a busy timeout, NORMAL sync
  (a killed process loses nothing committed; a power cut may lose the last commits);
* an unreadable file (garbage bytes, failed ``quick_check``) is renamed to
  ``progress.db.corrupt-YYYYmmdd-HHMMSS`` (with its -wal/-shm) and a fresh file is
  started; nothing is ever deleted or overwritten;
* a file from a newer tutor (higher ``user_version``) is left untouched: its
  contents are copied into memory and the session runs read-only; an SQLite
  file that is not ours (tables but no version) is left untouched too, and the
  session runs read-only on an empty in-memory store;
* a file or directory that cannot be written (read-only, disk full, I/O error)
  is likewise copied into memory, read-only.

"Read-only" means the session keeps working against an in-memory copy and
nothing it records is saved.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, TypeVar

from tutor.progress.schema import SCHEMA_VERSION, NewerSchemaError, migrate, user_version

DB_FILENAME = "progress.db"
BUSY_TIMEOUT_S = 5.0

T = TypeVar("T")
ErrorKind = Literal["busy", "corrupt", "unwritable", "other"]

_PRIMARY_KIND: dict[int, ErrorKind] = {
    5: "busy",  # SQLITE_BUSY
    6: "busy",  # SQLITE_LOCKED
    11: "corrupt",  # SQLITE_CORRUPT
    26: "corrupt",  # SQLITE_NOTADB
    3: "unwritable",  # SQLITE_PERM
    8: "unwritable",  # SQLITE_READONLY
    10: "unwritable",  # SQLITE_IOERR
    13: "unwritable",  # SQLITE_FULL
    14: "unwritable",  # SQLITE_CANTOPEN
    15: "unwritable",  # SQLITE_PROTOCOL
}


@dataclass
class Opened:
    """A usable connection and how it came to be.

    ``readonly``: ``conn`` is an in-memory copy and nothing will be saved.
    ``message``: what the learner should be told, if anything.
    """

    conn: sqlite3.Connection
    readonly: bool = False
    message: str | None = None


def classify(exc: BaseException) -> ErrorKind:
    """Sort an sqlite3 error into what the store does about it."""
    code = getattr(exc, "sqlite_errorcode", None)
    if isinstance(code, int) and (code & 0xFF) in _PRIMARY_KIND:
        return _PRIMARY_KIND[code & 0xFF]
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return "busy"
    if "malformed" in text or "not a database" in text:
        return "corrupt"
    if any(w in text for w in ("readonly", "read-only", "disk", "unable to open", "i/o")):
        return "unwritable"
    return "other"


def explain(exc: BaseException, path: Path) -> str:
    """A sentence for the learner on why ``path`` cannot be written."""
    text = str(exc).lower()
    if "full" in text:
        why = "the disk is full"
    elif "readonly" in text or "read-only" in text or isinstance(exc, PermissionError):
        why = f"{path} is read-only"
    elif "unable to open" in text:
        why = f"{path} cannot be opened"
    elif classify(exc) == "corrupt":
        why = f"{path} is damaged"
    else:
        why = f"{path} cannot be written"
    fix = ("free some space and restart tutor" if why == "the disk is full"
           else "fix that, or choose another place with --data-dir or $TUTOR_DATA_DIR, "
           "and restart tutor")
    return f"Progress is not being saved: {why} ({exc}). To keep your progress, {fix}."


def retry_busy(fn: Callable[[], T], *, within_s: float = BUSY_TIMEOUT_S) -> T:
    """``fn()``, called again while it fails with SQLITE_BUSY/LOCKED, for up to ``within_s``.

    SQLite's busy timeout does not cover every case: e.g. a connection that
    meets another one switching the file to WAL gets SQLITE_BUSY at once.
    """
    end = time.monotonic() + within_s
    delay = 0.001
    while True:
        try:
            return fn()
        except sqlite3.Error as exc:
            if classify(exc) != "busy" or time.monotonic() >= end:
                raise
        time.sleep(delay)
        delay = min(delay * 2, 0.05)


def connect(target: str, *, uri: bool = False) -> sqlite3.Connection:
    """An autocommit connection (transactions are explicit), usable from any thread."""
    conn = sqlite3.connect(
        target, timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False, uri=uri
    )
    conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
    return conn


def memory_copy(source: sqlite3.Connection | None) -> sqlite3.Connection:
    """An in-memory database holding what ``source`` holds (or an empty schema).

    The copy is migrated to this tutor's schema unless it is newer. A source
    that cannot be read gives an empty, migrated database.
    """
    mem = connect(":memory:")
    if source is not None:
        try:
            if source.in_transaction:
                source.execute("ROLLBACK")
            source.backup(mem)
        except sqlite3.Error:
            mem.close()
            mem = connect(":memory:")
    with contextlib.suppress(sqlite3.Error, NewerSchemaError):
        migrate(mem)
    return mem


def readable_copy(path: Path) -> sqlite3.Connection:
    """Copy whatever can be read of ``path`` into memory, without writing to its directory."""
    if path.exists():
        for query in ("mode=ro", "immutable=1"):
            try:
                source = connect(f"{path.as_uri()}?{query}", uri=True)
                try:
                    user_version(source)
                    return memory_copy(source)
                finally:
                    source.close()
            except sqlite3.Error:
                continue
    return memory_copy(None)


def set_aside(path: Path, reason: str) -> Path:
    """Rename a damaged ``path`` (and its -wal/-shm) to a new timestamped name."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.{reason}-{stamp}")
    n = 1
    while any(Path(f"{target}{s}").exists() for s in ("", "-wal", "-shm")):
        n += 1
        target = path.with_name(f"{path.name}.{reason}-{stamp}-{n}")
    os.rename(path, target)
    for suffix in ("-wal", "-shm"):
        side = Path(f"{path}{suffix}")
        with contextlib.suppress(FileNotFoundError):
            os.rename(side, Path(f"{target}{suffix}"))
    return target


def open_database(path: Path) -> Opened:
    """Open (creating or migrating) the database at ``path``; never raises sqlite3 errors.

    Falls back as the module docstring says; the returned ``message`` says what happened.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        return Opened(memory_copy(None), True, explain(exc, path.parent))
    try:
        return retry_busy(lambda: _open_file(path))
    except _Corrupt as exc:
        return _start_over(path, exc.error)
    except sqlite3.Error as exc:  # still busy after the timeout
        return Opened(readable_copy(path), True, explain(exc, path))


class _Corrupt(Exception):
    def __init__(self, error: BaseException) -> None:
        super().__init__(str(error))
        self.error = error


def _open_file(path: Path) -> Opened:
    try:
        conn = connect(str(path))
    except sqlite3.Error as exc:
        return Opened(readable_copy(path), True, explain(exc, path))
    try:
        # One statement, so both numbers come from the same snapshot of the file.
        found, tables = conn.execute(
            "SELECT (SELECT user_version FROM pragma_user_version),"
            " (SELECT count(*) FROM sqlite_master)"
        ).fetchone()
        if found > SCHEMA_VERSION:
            message = (
                f"{path} was written by a newer version of tutor (schema {found}, this one "
                f"knows {SCHEMA_VERSION}). It is left untouched and progress is not being "
                "saved in this session: upgrade tutor to keep recording."
            )
            return Opened(_detach(conn), True, message)
        if found == 0 and tables:
            message = (
                f"{path} is not a tutor progress file (it holds other tables). It is left "
                "untouched and progress is not being saved: move it away to start afresh."
            )
            conn.close()
            return Opened(memory_copy(None), True, message)
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        migrate(conn)
        problems = [row[0] for row in conn.execute("PRAGMA quick_check")]
        if problems != ["ok"]:
            conn.close()
            raise _Corrupt(sqlite3.DatabaseError("quick_check: " + "; ".join(problems[:3])))
        return Opened(conn)
    except NewerSchemaError:  # another process migrated past us between the two reads
        conn.close()
        return _open_file(path)
    except sqlite3.Error as exc:
        conn.close()
        kind = classify(exc)
        if kind == "busy":
            raise
        if kind == "corrupt":
            raise _Corrupt(exc) from exc
        # Unwritable, or something unexpected: never move a file aside on a guess.
        return Opened(readable_copy(path), True, explain(exc, path))


def _detach(conn: sqlite3.Connection) -> sqlite3.Connection:
    """Move a disk connection's contents into memory and close the file."""
    try:
        return memory_copy(conn)
    finally:
        conn.close()


def _start_over(path: Path, error: BaseException) -> Opened:
    try:
        moved = set_aside(path, "corrupt")
    except FileNotFoundError:  # another process already moved it
        moved = None
    except OSError as exc:
        message = (
            f"{path} is damaged ({error}) and could not be moved aside ({exc}); "
            "progress is not being saved in this session."
        )
        return Opened(memory_copy(None), True, message)
    try:
        opened = retry_busy(lambda: _open_file(path))
    except (_Corrupt, sqlite3.Error) as again:
        return Opened(memory_copy(None), True, f"{path} cannot be started afresh ({again}).")
    if opened.readonly:
        return opened
    where = f"it was moved to {moved}" if moved else "another tutor moved it aside"
    opened.message = f"{path} was damaged ({error}); {where} and a fresh progress file was started."
    return opened
