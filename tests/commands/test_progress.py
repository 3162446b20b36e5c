"""`tutor progress`: the table, --json, reset, export and import."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tutor import cli
from tutor.progress.store import ProgressStore

Main = Callable[[list[str]], int]


@pytest.fixture
def tutor() -> Main:
    """``tutor.cli.main``, the whole command line."""
    return cli.main


@pytest.fixture
def filled(data_dir: Path) -> Path:
    """Some progress in linear algebra and calculus."""
    with ProgressStore.open(data_dir) as s:
        for ex in ("linear-algebra/dot", "linear-algebra/norm", "linear-algebra/matmul"):
            s.record_attempt(ex, status="passed", duration_ms=1, hints_used=0, code=ex,
                             passed=True)
        s.record_checkpoint("linear-algebra/matrices", "matrices-check", 1.0, True)
        s.record_solution_shown("calculus/diff")
        s.record_attempt("calculus/diff", status="passed", duration_ms=1, hints_used=0,
                         code="c", passed=True)
        s.set_position("calculus/derivatives", 1)
    return data_dir


class Tty(io.StringIO):
    """A stdin that says it is a terminal and holds the learner's answer."""

    def isatty(self) -> bool:
        return True


class Pipe(io.StringIO):
    def isatty(self) -> bool:
        return False


def test_table(tutor: Main, filled: Path, lesson_tree: Path,
               capsys: pytest.CaptureFixture[str]) -> None:
    assert tutor(["progress", "--lessons", str(lesson_tree)]) == 0
    out = capsys.readouterr().out
    assert str(filled / "progress.db") in out
    lines = {line.split("  ")[0].strip(): line for line in out.splitlines()}
    la, calc = lines["Linear algebra"].split(), lines["Calculus"].split()
    # Done counts checkpoints, as the app does: 3 exercises + 1 checkpoint
    assert la[2:5] == ["4/4", "3/3", "1/1"] and la[-1] == "mastered"
    assert calc[1:4] == ["1/1", "0/1", "-"] and "mastered" not in calc
    assert lines["Probability"].split()[1:6] == ["0/0", "0/0", "-", "-", "never"]
    assert la[5].endswith("%") and 0 <= int(la[5][:-1]) <= 100  # recall of its cards
    assert "Continue at: calculus/derivatives, step 2" in out


def test_json(tutor: Main, filled: Path, lesson_tree: Path,
              capsys: pytest.CaptureFixture[str]) -> None:
    assert tutor(["--lessons", str(lesson_tree), "progress", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    pillars = {p["pillar"]: p for p in data["pillars"]}
    assert pillars["linear-algebra"]["mastered"] is True
    assert pillars["calculus"]["exercises_done"] == 1
    assert pillars["calculus"]["exercises_mastered"] == 0
    assert isinstance(pillars["calculus"]["last_activity"], float)
    assert data["continue"] == ["calculus/derivatives", 1]
    assert data["readonly"] is False and data["warning"] is None


def test_data_dir_flag(tutor: Main, filled: Path, lesson_tree: Path, tmp_path: Path,
                       capsys: pytest.CaptureFixture[str]) -> None:
    other = tmp_path / "other"
    assert tutor(["progress", "--json", "--data-dir", str(other),
                  "--lessons", str(lesson_tree)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["database"] == str(other / "progress.db")
    assert all(p["exercises_done"] == 0 for p in data["pillars"])


def test_reset_refuses_without_tty(tutor: Main, filled: Path,
                                   monkeypatch: pytest.MonkeyPatch,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "stdin", Pipe("y\n"))
    assert tutor(["progress", "reset"]) == 1
    assert "--yes" in capsys.readouterr().err
    with ProgressStore.open(filled) as s:
        assert s.counts()["attempts"] == 4


@pytest.mark.parametrize(("answer", "code", "left"), [("y\n", 0, 0), ("n\n", 1, 4), ("", 1, 4)])
def test_reset_asks_on_a_tty(tutor: Main, filled: Path, monkeypatch: pytest.MonkeyPatch,
                             capsys: pytest.CaptureFixture[str], answer: str, code: int,
                             left: int) -> None:
    monkeypatch.setattr(sys, "stdin", Tty(answer))
    assert tutor(["progress", "reset"]) == code
    assert "[y/N]" in capsys.readouterr().out
    with ProgressStore.open(filled) as s:
        assert s.counts()["attempts"] == left


def test_reset_one_pillar_with_yes(tutor: Main, filled: Path,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    assert tutor(["progress", "reset", "--pillar", "calculus", "--yes"]) == 0
    assert "Deleted your progress in calculus: 1 attempt" in capsys.readouterr().out
    with ProgressStore.open(filled) as s:
        assert s.counts()["attempts"] == 3 and s.position() is None
    assert tutor(["progress", "reset", "--pillar", "astrology", "--yes"]) == 2


def test_export_then_import(tutor: Main, filled: Path, tmp_path: Path,
                            capsys: pytest.CaptureFixture[str]) -> None:
    file = tmp_path / "p.json"
    assert tutor(["progress", "export", str(file)]) == 0
    assert "4 attempts" in capsys.readouterr().out
    other = tmp_path / "other"
    assert tutor(["progress", "import", str(file), "--data-dir", str(other)]) == 0
    assert "  attempts: 4 added" in capsys.readouterr().out
    assert tutor(["progress", "import", str(file), "--data-dir", str(other)]) == 0
    assert "attempts: 0 added, 4 already present" in capsys.readouterr().out
    with ProgressStore.open(other) as s:
        assert s.counts()["attempts"] == 4


def test_import_bad_file(tutor: Main, filled: Path, tmp_path: Path,
                         capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "tutor-progress", "version": 1, "exported_at": 1,'
                   ' "attempts": [{"uid": "x"}]}')
    assert tutor(["progress", "import", str(bad)]) == 1
    err = capsys.readouterr().err
    assert "nothing was changed" in err and "attempts.0.uid" in err
    with ProgressStore.open(filled) as s:
        assert s.counts()["attempts"] == 4


def test_damaged_database_is_reported(tutor: Main, data_dir: Path, lesson_tree: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    data_dir.mkdir(parents=True)
    (data_dir / "progress.db").write_bytes(b"\x00garbage" * 1000)
    assert tutor(["progress", "--lessons", str(lesson_tree)]) == 0
    assert "was damaged" in capsys.readouterr().err


def test_installed_entry_point(filled: Path, tmp_path: Path) -> None:
    exe = Path(sys.executable).with_name("tutor")
    env = {**os.environ, "TUTOR_DATA_DIR": str(filled)}
    run = subprocess.run([str(exe), "progress", "reset", "--pillar", "calculus"],
                         stdin=subprocess.DEVNULL, capture_output=True, text=True, env=env)
    assert run.returncode == 1 and "--yes" in run.stderr
    run = subprocess.run([str(exe), "progress", "export", "-"], capture_output=True, text=True,
                         env=env)
    assert run.returncode == 0 and len(json.loads(run.stdout)["attempts"]) == 4


def test_missing_lesson_tree_is_reported(tutor: Main, filled: Path, tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    assert tutor(["progress", "--lessons", str(tmp_path / "nowhere")]) == 0
    assert "lesson directory not found" in capsys.readouterr().err
