"""Progress is kept per course; the built-in course's stays where it always was."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from tutor.cli import main
from tutor.courses.registry import BUILTIN_ID
from tutor.progress import ProgressStore
from tutor.progress.database import connect
from tutor.progress.schema import MIGRATIONS, SCHEMA_VERSION, migrate, user_version

from .conftest import PackMaker

EXERCISE = "linear-algebra/dot-product"


def _attempts(data: Path, *course: str, capsys: pytest.CaptureFixture[str]) -> int:
    args = ["--course", course[0]] if course else []
    assert main([*args, "--data-dir", str(data), "progress", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    lesson = next(le for le in shown["lessons"] if EXERCISE in le["exercises"])
    return {"new": 0}.get(lesson["exercises"][EXERCISE], 1)


def test_each_course_reads_only_its_own_progress(
        make_pack: PackMaker, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    make_pack("my-course")
    data = tmp_path / "data"
    with ProgressStore.open(data) as builtin:  # as every tutor before courses wrote it
        builtin.record_attempt(EXERCISE, status="passed", duration_ms=1, hints_used=0,
                               code="x", passed=True)
    assert (data / "progress.db").is_file()
    assert _attempts(data, capsys=capsys) == 1
    assert _attempts(data, BUILTIN_ID, capsys=capsys) == 1
    assert _attempts(data, "my-course", capsys=capsys) == 0
    with ProgressStore.open(data, course="my-course") as pack:
        pack.record_attempt(EXERCISE, status="failed", duration_ms=1, hints_used=0,
                            code="y", passed=False)
    assert _attempts(data, "my-course", capsys=capsys) == 1
    with ProgressStore.open(data) as builtin:
        assert builtin.exercise_state(EXERCISE).attempts == 1  # nothing leaked across


def test_a_first_schema_database_is_migrated_and_keeps_its_rows(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    conn = connect(str(data / "progress.db"))
    migrate(conn, MIGRATIONS[:1])
    conn.execute("INSERT INTO attempts (uid, exercise_id, at, status, passed, duration_ms,"
                 " hints_used, after_solution, code_sha256, code) VALUES ('a', ?, 1, 'failed',"
                 " 0, 1, 0, 0, 'h', 'old code')", (EXERCISE,))
    conn.close()
    with ProgressStore.open(data) as store:
        store.record_attempt(EXERCISE, status="failed", duration_ms=1, hints_used=0,
                             code="new code", passed=False, mistake="doubled")
        assert store.exercise_state(EXERCISE).attempts == 2
    raw = sqlite3.connect(data / "progress.db")
    assert user_version(raw) == SCHEMA_VERSION
    rows = raw.execute("SELECT code, mistake FROM attempts ORDER BY id").fetchall()
    assert rows == [("old code", None), ("new code", "doubled")]
    raw.close()


def test_export_carries_name_and_course_and_import_refuses_another_course(
        make_pack: PackMaker, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    make_pack("my-course")
    data = tmp_path / "data"
    with ProgressStore.open(data, course="my-course") as store:
        store.record_attempt(EXERCISE, status="failed", duration_ms=1, hints_used=0,
                             code="y", passed=False, mistake="doubled")
    out = tmp_path / "ada.json"
    assert main(["--course", "my-course", "--data-dir", str(data), "progress", "export",
                 str(out), "--name", "Ada Lovelace"]) == 0
    exported = json.loads(out.read_text())
    assert exported["learner"] == "Ada Lovelace"
    assert exported["course"] == {"id": "my-course", "version": "0.2"}
    assert exported["attempts"][0]["mistake"] == "doubled"
    capsys.readouterr()
    assert main(["--data-dir", str(tmp_path / "other"), "progress", "import", str(out)]) == 1
    err = capsys.readouterr().err
    assert "holds progress in the course 'my-course', not 'ml-math'" in err
    assert main(["--course", "my-course", "--data-dir", str(tmp_path / "other"), "progress",
                 "import", str(out)]) == 0
    assert main(["--data-dir", str(data), "progress", "export", str(out), "--name",
                 "bad\x1bname"]) == 1
    assert "the learner name 'bad\\x1bname' must be 1 to 100 characters" in \
        capsys.readouterr().err
