"""How sqlite3 errors are sorted and explained (real errors, not made-up ones)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tutor.progress.database import classify, connect, explain, retry_busy


def _error(fn: object) -> sqlite3.Error:
    with pytest.raises(sqlite3.Error) as err:
        fn()  # type: ignore[operator]
    return err.value


def test_full_disk(tmp_path: Path) -> None:
    conn = connect(str(tmp_path / "f.db"))
    conn.execute("CREATE TABLE t (x)")
    conn.execute("PRAGMA max_page_count = 2")
    exc = _error(lambda: conn.execute("INSERT INTO t VALUES (?)", ("x" * 100_000,)))
    assert classify(exc) == "unwritable"
    assert "the disk is full" in explain(exc, tmp_path / "f.db")


def test_not_a_database(tmp_path: Path) -> None:
    (tmp_path / "g.db").write_bytes(b"\x01" * 4096)
    conn = connect(str(tmp_path / "g.db"))
    exc = _error(lambda: conn.execute("PRAGMA user_version").fetchone())
    assert classify(exc) == "corrupt"
    assert "is damaged" in explain(exc, tmp_path / "g.db")


def test_read_only_connection(tmp_path: Path) -> None:
    path = tmp_path / "r.db"
    connect(str(path)).execute("CREATE TABLE t (x)")
    conn = connect(f"{path.as_uri()}?mode=ro", uri=True)
    exc = _error(lambda: conn.execute("INSERT INTO t VALUES (1)"))
    assert classify(exc) == "unwritable"
    assert "is read-only" in explain(exc, path)


def test_busy_and_retry(tmp_path: Path) -> None:
    path = str(tmp_path / "b.db")
    holder = connect(path)
    holder.execute("CREATE TABLE t (x)")
    holder.execute("BEGIN IMMEDIATE")
    other = sqlite3.connect(path, timeout=0, isolation_level=None)
    exc = _error(lambda: other.execute("BEGIN IMMEDIATE"))
    assert classify(exc) == "busy"
    with pytest.raises(sqlite3.OperationalError):
        retry_busy(lambda: other.execute("BEGIN IMMEDIATE"), within_s=0.05)
    calls: list[int] = []

    def release_then_begin() -> None:
        calls.append(1)
        if len(calls) == 3:  # the lock goes away while we retry
            holder.execute("COMMIT")
        other.execute("BEGIN IMMEDIATE")

    retry_busy(release_then_begin)
    assert len(calls) == 3 and other.in_transaction
