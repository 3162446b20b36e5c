"""The store survives kills, damage, newer files, concurrency and unwritable disks."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tutor.progress import database
from tutor.progress.database import DB_FILENAME
from tutor.progress.schema import SCHEMA_VERSION
from tutor.progress.store import ProgressError, ProgressStore

WRITER = Path(__file__).with_name("writer_process.py")


class Writer:
    """A writer_process.py child with line-based pipes."""

    def __init__(self, *args: str) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, str(WRITER), *args],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        assert self.readline() == "ready"

    def readline(self) -> str:
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        if not line:
            raise AssertionError(f"writer exited: {self.proc.stderr.read()}")  # type: ignore[union-attr]
        return line.strip()

    def go(self) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write("go\n")
        self.proc.stdin.flush()

    def kill(self) -> list[str]:
        """SIGKILL the child and return the lines it printed but we had not read."""
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()
        assert self.proc.stdout is not None
        return self.proc.stdout.read().split()

    def finish(self) -> str:
        out, err = self.proc.communicate(timeout=120)
        assert self.proc.returncode == 0, err
        return out.strip()


@pytest.fixture
def writers() -> Iterator[list[Writer]]:
    started: list[Writer] = []
    yield started
    for w in started:
        if w.proc.poll() is None:
            w.proc.kill()
            w.proc.wait()


def _integrity(db: Path) -> str:
    with sqlite3.connect(db) as raw:
        return str(raw.execute("PRAGMA integrity_check").fetchone()[0])


def _codes(db: Path, prefix: str) -> list[int]:
    with sqlite3.connect(db) as raw:
        rows = raw.execute("SELECT code, code_sha256 FROM attempts WHERE exercise_id LIKE ?",
                           (f"{prefix}/%",)).fetchall()
    for code, digest in rows:
        assert hashlib.sha256(code.encode()).hexdigest() == digest
    return sorted(int(code) for code, _ in rows)


# -- kill -9 ---------------------------------------------------------------------------------


def test_kill_9_mid_loop_loses_at_most_the_attempt_in_flight(
    data_dir: Path, writers: list[Writer]
) -> None:
    db = data_dir / DB_FILENAME
    for round_, target in enumerate((50, 137, 300)):
        w = Writer("loop", str(data_dir), f"round{round_}")
        writers.append(w)
        w.go()
        last = -1
        while last < target:
            last = int(w.readline())
        unread = w.kill()
        reported = int(unread[-1]) if unread else last  # last index known committed
        assert _integrity(db) == "ok"
        codes = _codes(db, f"round{round_}")
        # Every reported attempt is there, in order with no gaps; at most one more.
        assert codes == list(range(len(codes)))
        assert reported + 1 <= len(codes) <= reported + 2
    with ProgressStore.open(data_dir) as s:
        assert s.notice is None and not s.readonly


def test_kill_9_inside_a_transaction_leaves_nothing_of_it(
    data_dir: Path, writers: list[Writer]
) -> None:
    with ProgressStore.open(data_dir) as s:
        s.save_draft("calculus/diff", "kept")
    w = Writer("hold", str(data_dir))
    writers.append(w)
    w.go()
    assert w.readline() == "in-transaction"
    w.kill()
    db = data_dir / DB_FILENAME
    assert _integrity(db) == "ok"
    with ProgressStore.open(data_dir) as s:
        assert s.notice is None
        assert s.counts()["attempts"] == 0
        assert s.draft("calculus/diff") == "kept"
        s.save_draft("calculus/diff", "writable again")  # the dead writer's lock is gone
        assert s.last_error is None


# -- concurrency -------------------------------------------------------------------------------


def test_two_processes_writing_at_once(data_dir: Path, writers: list[Writer]) -> None:
    n = 200
    pair = [Writer("batch", str(data_dir), name, str(n)) for name in ("alpha", "beta")]
    writers.extend(pair)
    for w in pair:  # both are ready; both open (and create) the database at the same moment
        w.go()
    results = [json.loads(w.finish()) for w in pair]
    assert results == [{"last_error": None}, {"last_error": None}]
    db = data_dir / DB_FILENAME
    assert _integrity(db) == "ok"
    assert _codes(db, "alpha") == list(range(n))
    assert _codes(db, "beta") == list(range(n))
    with ProgressStore.open(data_dir) as s:
        assert s.counts()["attempts"] == 2 * n
        assert s.counts()["drafts"] == 14
        assert s.lesson_position("alpha/lesson") == n - 1


def test_two_store_instances_in_one_process(data_dir: Path) -> None:
    a, b = ProgressStore.open(data_dir), ProgressStore.open(data_dir)
    for i in range(20):
        a.save_draft("calculus/diff", f"a{i}")
        b.record_step("calculus/derivatives", i)
    assert a.counts()["steps"] == 20 and b.draft("calculus/diff") == "a19"
    a.close()
    b.close()


# -- damaged and newer files ---------------------------------------------------------------


def test_garbage_file_is_set_aside_and_a_fresh_store_started(data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    db = data_dir / DB_FILENAME
    garbage = os.urandom(4096) + b"not a database"
    db.write_bytes(garbage)
    with ProgressStore.open(data_dir) as s:
        assert not s.readonly
        assert s.notice and "damaged" in s.notice and "moved to" in s.notice
        assert s.last_error == s.notice
        s.save_draft("calculus/diff", "fresh")
        assert s.draft("calculus/diff") == "fresh"
    backups = list(data_dir.glob(f"{DB_FILENAME}.corrupt-*"))
    assert len(backups) == 1 and backups[0].read_bytes() == garbage
    assert str(backups[0]) in (s.notice or "")
    with ProgressStore.open(data_dir) as s:  # the fresh file is fine next time
        assert s.notice is None and s.draft("calculus/diff") == "fresh"


def test_damaged_pages_are_detected_at_open(data_dir: Path) -> None:
    with ProgressStore.open(data_dir) as s:
        for i in range(300):
            s.save_draft(f"calculus/ex{i}", "x" * 500)
    db = data_dir / DB_FILENAME
    data = bytearray(db.read_bytes())
    page = 4096
    data[3 * page : 3 * page + 3000] = b"\xff" * 3000  # header intact, a table page ruined
    db.write_bytes(bytes(data))
    with ProgressStore.open(data_dir) as s:
        assert s.notice and "damaged" in s.notice and not s.readonly
        assert s.counts()["drafts"] == 0
    backups = list(data_dir.glob(f"{DB_FILENAME}.corrupt-*"))
    assert len(backups) == 1 and backups[0].read_bytes() == bytes(data)


def test_backups_never_overwrite_each_other(data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    db = data_dir / DB_FILENAME
    for n in range(3):
        db.write_bytes(b"garbage %d" % n * 200)
        ProgressStore.open(data_dir).close()
        db.unlink()
    contents = sorted(p.read_bytes()[:9] for p in data_dir.glob(f"{DB_FILENAME}.corrupt-*"))
    assert contents == [b"garbage 0", b"garbage 1", b"garbage 2"]


def test_newer_schema_is_opened_read_only_and_left_untouched(data_dir: Path) -> None:
    with ProgressStore.open(data_dir) as s:
        s.record_attempt("calculus/diff", status="passed", duration_ms=1, hints_used=0,
                         code="c", passed=True)
    db = data_dir / DB_FILENAME
    with sqlite3.connect(db) as raw:
        raw.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    before = db.read_bytes()
    with ProgressStore.open(data_dir) as s:
        assert s.readonly and s.notice and "newer version of tutor" in s.notice
        assert s.exercise_state("calculus/diff").passed  # reads what it can
        s.save_draft("calculus/diff", "unsaved")  # never raises; kept in memory only
        assert s.draft("calculus/diff") == "unsaved"
        with pytest.raises(ProgressError):
            s.reset()
    assert db.read_bytes() == before
    assert not list(data_dir.glob(f"{DB_FILENAME}.*-*"))


# -- unwritable disks ------------------------------------------------------------------------


@pytest.fixture
def shared_dir() -> Iterator[Path]:
    """A data dir outside pytest's private tmp (which uid 65534 cannot enter)."""
    import shutil
    import tempfile

    path = Path(tempfile.mkdtemp(prefix="tutor-ro-"))
    os.chmod(path, 0o755)
    yield path
    os.chmod(path, 0o755)
    shutil.rmtree(path)


def _unprivileged_report(data_dir: Path, writers: list[Writer]) -> dict[str, Any]:
    """Make ``data_dir`` read-only and open it from a child that is not root."""
    for p in data_dir.iterdir():
        os.chmod(p, 0o444)
    os.chmod(data_dir, 0o555)
    w = Writer("unprivileged", str(data_dir))
    writers.append(w)
    w.go()
    return dict(json.loads(w.finish()))


def test_read_only_directory(shared_dir: Path, writers: list[Writer]) -> None:
    with ProgressStore.open(shared_dir) as s:
        s.record_attempt("calculus/diff", status="passed", duration_ms=1, hints_used=0,
                         code="c", passed=True)
    db = shared_dir / DB_FILENAME
    before = db.read_bytes()
    report = _unprivileged_report(shared_dir, writers)
    assert report["readonly"] is True
    assert "read-only" in report["last_error"] and "not being saved" in report["last_error"]
    assert (report["attempts_before"], report["attempts_after"]) == (1, 2)
    assert db.read_bytes() == before


def test_damaged_file_in_a_read_only_directory(shared_dir: Path, writers: list[Writer]) -> None:
    db = shared_dir / DB_FILENAME
    db.write_bytes(b"garbage" * 1000)
    report = _unprivileged_report(shared_dir, writers)
    assert report["readonly"] is True
    assert "damaged" in report["last_error"] and "could not be moved aside" in report["last_error"]
    assert (report["attempts_before"], report["attempts_after"]) == (0, 1)
    assert db.read_bytes() == b"garbage" * 1000
    assert [p.name for p in shared_dir.iterdir()] == [DB_FILENAME]


def test_someone_elses_database_is_not_moved_or_changed(data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    db = data_dir / DB_FILENAME
    with sqlite3.connect(db) as raw:
        raw.execute("CREATE TABLE attempts (something TEXT)")
        raw.execute("INSERT INTO attempts VALUES ('theirs')")
    raw.close()
    before = db.read_bytes()
    with ProgressStore.open(data_dir) as s:
        assert s.readonly and s.notice and "not a tutor progress file" in s.notice
        s.save_draft("calculus/diff", "x")  # never raises; the session works in memory
        assert s.draft("calculus/diff") == "x"
    assert db.read_bytes() == before
    assert [p.name for p in data_dir.iterdir()] == [DB_FILENAME]


def test_data_dir_that_cannot_be_created(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    with ProgressStore.open(blocker / "data") as s:
        assert s.readonly and s.last_error and "not being saved" in s.last_error
        s.set_position("calculus/derivatives", 2)
        assert s.position() == ("calculus/derivatives", 2)  # the session keeps its state


@pytest.fixture
def page_limit(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """Cap the database file at ``limit["pages"]`` pages (a full disk) once set."""
    limit: dict[str, int] = {}
    real_connect = database.connect

    def connect(target: str, *, uri: bool = False) -> sqlite3.Connection:
        conn = real_connect(target, uri=uri)
        if target != ":memory:" and "pages" in limit:
            conn.execute(f"PRAGMA max_page_count = {limit['pages']}")
        return conn

    monkeypatch.setattr(database, "connect", connect)
    return limit


def test_disk_full_mid_session(data_dir: Path, page_limit: dict[str, int]) -> None:
    with ProgressStore.open(data_dir) as s:
        s.save_draft("calculus/diff", "saved")
    with sqlite3.connect(data_dir / DB_FILENAME) as raw:
        page_limit["pages"] = raw.execute("PRAGMA page_count").fetchone()[0]
    with ProgressStore.open(data_dir) as s:
        assert not s.readonly
        s.record_attempt("calculus/diff", status="passed", duration_ms=1, hints_used=0,
                         code="y" * 200_000, passed=True)  # needs new pages: disk full
        assert s.readonly and s.last_error and "disk is full" in s.last_error
        # the session goes on in memory: earlier data and the failed write are both there
        assert s.draft("calculus/diff") == "saved"
        assert s.exercise_state("calculus/diff").attempts == 1
        s.save_draft("calculus/diff", "later")
        assert s.draft("calculus/diff") == "later"
    page_limit.clear()
    db = data_dir / DB_FILENAME
    assert _integrity(db) == "ok"
    with ProgressStore.open(data_dir) as s:
        assert s.notice is None
        assert s.draft("calculus/diff") == "saved"
        assert s.counts()["attempts"] == 0


def test_disk_full_at_first_open(data_dir: Path, page_limit: dict[str, int]) -> None:
    page_limit["pages"] = 1  # not even room for the schema
    with ProgressStore.open(data_dir) as s:
        assert s.readonly and s.last_error and "disk is full" in s.last_error
        s.record_step("calculus/derivatives", 0)
        assert s.records().steps_completed.keys() == {("calculus/derivatives", 0)}


@pytest.mark.parametrize("round_", range(3))
def test_several_processes_create_the_database_at_once(
    tmp_path: Path, writers: list[Writer], round_: int
) -> None:
    """Regression: one of them met SQLITE_BUSY while another switched the file to WAL."""
    data_dir = tmp_path / f"fresh{round_}"
    group = [Writer("batch", str(data_dir), f"p{i}", "20") for i in range(4)]
    writers.extend(group)
    for w in group:
        w.go()
    assert [json.loads(w.finish()) for w in group] == [{"last_error": None}] * 4
    db = data_dir / DB_FILENAME
    assert _integrity(db) == "ok"
    assert all(_codes(db, f"p{i}") == list(range(20)) for i in range(4))
